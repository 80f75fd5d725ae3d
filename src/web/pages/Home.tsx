import type { FC } from 'hono/jsx';
import type { CollectionSummary } from '../../modules/collections/index.ts';
import { urls } from '../../presenters/index.ts';

export const HomePage: FC<{ collections: CollectionSummary[] }> = ({ collections }) => (
  <>
    <section class="intro">
      <h1>Kinoteka</h1>
      <p class="lede">
        Curated foreign-language cinema for English-speaking viewers: what each film is, what is
        true about it, and how to watch it in English.
      </p>
    </section>
    <section aria-labelledby="collections-heading">
      <h2 id="collections-heading">Collections</h2>
      {collections.length === 0 ? (
        <p>No collections have been published yet.</p>
      ) : (
        <ul class="collection-grid">
          {collections.map((c) => (
            <li>
              <article class="collection-card">
                <a href={urls.collection(c.slug)} tabindex={-1} aria-hidden="true">
                  <img src={urls.collectionCover(c.slug)} alt="" width={200} height={300} />
                </a>
                <div>
                  <h3>
                    <a href={urls.collection(c.slug)}>{c.title}</a>
                  </h3>
                  {c.subtitle ? <p class="subtitle">{c.subtitle}</p> : null}
                  <p>{c.introExcerpt}</p>
                  <p class="muted">
                    {c.filmCount} {c.filmCount === 1 ? 'film' : 'films'} · curated by {c.curator}
                  </p>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
    </section>
  </>
);
