/**
 * A film corrected in the browser (a published film draft: `films.origin = 'workspace'`) is
 * not overwritten by a changed file: the load reports a conflict, as for a collection edited
 * on both sides, until the file says what the browser correction says (titles, credits,
 * English access offers); then it loads and the film is the files' again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/index.ts';
import type { PlannedFilm } from './content.ts';

type Db = Kysely<Database>;

/** The parts a film draft corrects, one line each, in a comparable form. */
function lines(f: {
  titles: { kind: string; text: string; language: string }[];
  credits: { role: string; name: string; character: string | null }[];
  offers: { kind: string; medium: string; provider: string; url: string | null; region: string | null }[];
}): string {
  return [
    ...f.titles.map((t) => `title|${t.kind}|${t.text}|${t.language}`).sort(),
    ...f.credits.map((c) => `credit|${c.role}|${c.name}|${c.character ?? ''}`),
    ...f.offers.map((o) => `offer|${o.kind}|${o.medium}|${o.provider}|${o.url ?? ''}|${o.region ?? ''}`),
  ].join('\n');
}

function fromFile(p: PlannedFilm): string {
  const f = p.data;
  return lines({
    titles: [
      { kind: 'english', text: f.titles.english, language: 'en' },
      { kind: 'original', text: f.titles.original.text, language: f.titles.original.language },
      ...(f.titles.transliteration
        ? [
            {
              kind: 'transliteration',
              text: f.titles.transliteration,
              language: `${f.titles.original.language}-Latn`,
            },
          ]
        : []),
      ...f.titles.alternative.map((a) => ({ kind: 'alternative', text: a.text, language: a.language })),
    ],
    credits: [
      ...f.directors.map((p) => ({ role: 'director', name: p.name, character: null })),
      ...f.writers.map((p) => ({ role: 'writer', name: p.name, character: null })),
      ...f.cast.map((c) => ({ role: 'cast', name: c.person.name, character: c.character ?? null })),
    ],
    offers: f.access.map((o) => ({
      kind: o.kind,
      medium: o.medium,
      provider: o.provider,
      url: o.url ?? null,
      region: o.region ?? null,
    })),
  });
}

async function fromDb(db: Db, filmId: number): Promise<string> {
  const titles = await db
    .selectFrom('titles')
    .select(['kind', 'text', 'language'])
    .where('film_id', '=', filmId)
    .execute();
  const credits = await db
    .selectFrom('credits as c')
    .innerJoin('people as p', 'p.id', 'c.person_id')
    .select(['c.role', 'p.name', 'c.character'])
    .where('c.film_id', '=', filmId)
    .orderBy('c.position')
    .execute();
  const offers = await db
    .selectFrom('access_offers')
    .select(['kind', 'medium', 'provider', 'url', 'region'])
    .where('film_id', '=', filmId)
    .orderBy('position')
    .execute();
  return lines({ titles, credits, offers });
}

/** The conflict message for a changed file of a film corrected in the browser, if any. */
export async function browserCorrectedFilm(db: Db, planned: PlannedFilm): Promise<string | null> {
  const row = await db
    .selectFrom('films')
    .select(['id', 'origin', 'content_hash'])
    .where('slug', '=', planned.data.slug)
    .executeTakeFirst();
  if (!row || row.origin !== 'workspace' || row.content_hash === planned.hash) return null;
  if ((await fromDb(db, row.id)) === fromFile(planned)) return null;
  const draft = await db
    .selectFrom('film_drafts')
    .select(['id', 'published_on'])
    .where('film_id', '=', row.id)
    .where('status', '=', 'published')
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return `film "${planned.data.slug}" was corrected in the browser${draft ? ` (film draft ${draft.id}, published ${draft.published_on})` : ''} and this file says otherwise about its titles, credits or English access; nothing was loaded. Carry the correction into the file (see /workspace/film-drafts/${draft?.id ?? ''}) and load again`;
}
