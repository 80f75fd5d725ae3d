import type { FC } from 'hono/jsx';
import type { CollectionCheck } from '../../modules/collections/index.ts';
import {
  type CheckedClaim,
  type CheckedText,
  type Verdict,
  describeEvidence,
  evidenceSources,
  evidenceWeaklySourced,
} from '../../modules/facts/index.ts';
import { urls } from '../../presenters/index.ts';
import { SourceKindLabel } from '../components/parts.tsx';

export const VERDICT_LABEL: Record<Verdict, string> = {
  supported: 'Supported',
  contradicted: 'Contradicted',
  unsupported: 'Not supported by the record',
  'not-checkable': 'Not checkable',
};

const checkable = (t: CheckedText) =>
  t.claims.filter((c) => c.judgement.verdict !== 'not-checkable');

/** The text with each checkable claim marked, numbered to match the list below it. */
const Highlighted: FC<{ text: string; claims: CheckedClaim[]; prefix: string }> = ({
  text,
  claims,
  prefix,
}) => {
  const parts: unknown[] = [];
  let at = 0;
  claims
    .map((c, i) => ({ c, n: i + 1 }))
    .sort((a, b) => a.c.span.start - b.c.span.start)
    .forEach(({ c, n }) => {
      if (c.span.start < at) return;
      parts.push(text.slice(at, c.span.start));
      parts.push(
        <mark class={`claim claim-${c.judgement.verdict}`}>
          {text.slice(c.span.start, c.span.end)}
          <a href={`#${prefix}-${n}`} class="claim-ref">
            <sup>
              {n}
              <span class="visually-hidden">: {VERDICT_LABEL[c.judgement.verdict]}</span>
            </sup>
          </a>
        </mark>,
      );
      at = c.span.end;
    });
  parts.push(text.slice(at));
  return <p>{parts}</p>;
};

const ClaimList: FC<{ claims: CheckedClaim[]; prefix: string }> = ({ claims, prefix }) => (
  <ol class="claims">
    {claims.map((c, i) => (
      <li id={`${prefix}-${i + 1}`} class={`claim-item claim-item-${c.judgement.verdict}`}>
        <p>
          <span class={`verdict verdict-${c.judgement.verdict}`}>
            {VERDICT_LABEL[c.judgement.verdict]}
          </span>{' '}
          <q>{c.text}</q>
        </p>
        <p>{c.judgement.explanation}</p>
        {c.judgement.evidence.length ? (
          <ul class="evidence">
            {c.judgement.evidence.map((e) => (
              <li>
                {describeEvidence(e)}.{' '}
                {evidenceWeaklySourced(e) ? (
                  <>
                    <span class="weak-source">
                      Weakly sourced: only mirror copies or user-written pages.
                    </span>{' '}
                  </>
                ) : null}
                {evidenceSources(e).map((s) => (
                  <>
                    <a href={s.url} rel="noopener nofollow external">
                      {s.publisher ?? s.title ?? new URL(s.url).hostname}
                    </a>{' '}
                    <SourceKindLabel url={s.url} />{' '}
                  </>
                ))}
              </li>
            ))}
          </ul>
        ) : null}
      </li>
    ))}
  </ol>
);

export const FactCheckPage: FC<{ check: CollectionCheck }> = ({ check }) => {
  const totals = { supported: 0, contradicted: 0, unsupported: 0, 'not-checkable': 0 };
  for (const e of check.entries) {
    for (const t of [e.description, e.fact])
      for (const c of t.claims) totals[c.judgement.verdict]++;
  }
  return (
    <article class="fact-check">
      <header class="page-header">
        <p class="eyebrow">Fact check{check.status === 'draft' ? ' · draft' : ''}</p>
        <h1>{check.title}</h1>
        {check.status === 'draft' ? (
          <p class="draft-note">
            This is an unpublished draft (for example an imported list). Nothing on this page has
            been presented to readers.
          </p>
        ) : (
          <p>
            <a href={urls.collection(check.slug)}>Back to the collection</a>
          </p>
        )}
        <p>
          Every claim in the descriptions and facts, judged against Kinoteka's knowledge base:{' '}
          <strong>{totals.supported}</strong> supported, <strong>{totals.contradicted}</strong>{' '}
          contradicted, <strong>{totals.unsupported}</strong> not supported by the record, and{' '}
          {totals['not-checkable']} passages (plot, opinion) the base cannot judge.{' '}
          <a href="/about/fact-checking">How checking works</a>.
        </p>
        <ul class="legend" aria-label="Legend">
          {(['supported', 'contradicted', 'unsupported'] as const).map((v) => (
            <li>
              <mark class={`claim claim-${v}`}>{VERDICT_LABEL[v]}</mark>
            </li>
          ))}
        </ul>
      </header>
      {check.entries.map((e) => {
        const prefix = `e${e.position}`;
        const desc = checkable(e.description);
        const fact = checkable(e.fact);
        return (
          <section
            class="check-entry"
            id={`entry-${e.position}`}
            aria-labelledby={`${prefix}-title`}
          >
            <h2 id={`${prefix}-title`}>
              {e.position}. <a href={urls.film(e.filmSlug)}>{e.filmTitle}</a>{' '}
              <span class="year">({e.year})</span>
              {e.listedAs && e.listedAs !== `${e.filmTitle} (${e.year})` ? (
                <span class="muted small"> listed as “{e.listedAs}”</span>
              ) : null}
            </h2>
            <h3>Description</h3>
            <Highlighted text={e.description.text} claims={desc} prefix={`${prefix}-d`} />
            <ClaimList claims={desc} prefix={`${prefix}-d`} />
            <h3>Fact</h3>
            {e.fact.text ? (
              <>
                <Highlighted text={e.fact.text} claims={fact} prefix={`${prefix}-f`} />
                <ClaimList claims={fact} prefix={`${prefix}-f`} />
              </>
            ) : (
              <p class="muted">No fact given.</p>
            )}
          </section>
        );
      })}
    </article>
  );
};

export const AboutFactCheckingPage: FC = () => (
  <article class="prose">
    <p class="eyebrow">About</p>
    <h1>How Kinoteka checks claims</h1>
    <p>
      Each sentence a curator writes is split into claims the knowledge base can judge (awards and
      nominations, festival screenings, who directed or wrote a film, its year, earlier and later
      versions, a place in a series, "first" and "only" claims) and passages it cannot judge (plot
      and opinion). Every claim gets one of four verdicts, always with the records and sources
      behind it:
    </p>
    <dl>
      <dt>
        <mark class="claim claim-supported">Supported</mark>
      </dt>
      <dd>A sourced record says the same thing.</dd>
      <dt>
        <mark class="claim claim-contradicted">Contradicted</mark>
      </dt>
      <dd>
        A sourced record rules the claim out: a complete list of an award's winners or nominees
        without the film, a different value where only one can be true (a year, a director), or an
        earlier occurrence that disproves a "first". Kinoteka is deliberately slow to say this: a
        wrong "contradicted" is the worst mistake a checker can make.
      </dd>
      <dt>
        <mark class="claim claim-unsupported">Not supported by the record</mark>
      </dt>
      <dd>
        The claim is of a kind the base records, about a film it knows, but nothing matches. It may
        be true; it needs a source before it is published.
      </dd>
      <dt>Not checkable</dt>
      <dd>Plot, opinion and anything else outside what the base records.</dd>
    </dl>
    <p>
      The knowledge base is built from the curators' own sourced files and, where an operator loads
      one, from Wikidata's published data.
    </p>
    <p>
      Beside each source is its kind: an official record (the festival's, academy's or studio's
      own), a film archive, a reference work, an encyclopedia, the press, a distributor, a mirror
      copy of another page, or a user-written page. A record whose only sources are mirror copies or
      user-written pages is marked <span class="weak-source">weakly sourced</span>: it still counts,
      but a curator should find the original before relying on it.
    </p>
  </article>
);
