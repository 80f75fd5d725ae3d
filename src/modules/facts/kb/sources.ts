/**
 * What kind of source a citation is, and whether its URL is well formed. A reader trusts a
 * festival's own record more than an encyclopedia, and an encyclopedia more than a mirror that
 * copies one or a page anyone can write; curators see the kind beside each citation and a fact
 * backed only by mirrors or user pages marked as weakly sourced. Decided from the URL's host
 * (and for IMDb, its path) without going online.
 */
import type { Source, Statement } from './kb.ts';

export const SOURCE_KINDS = [
  /** The festival's, academy's or studio's own record. */
  'official',
  /** A national film archive or library. */
  'archive',
  /** A reference work or scholarly text. */
  'reference',
  'encyclopedia',
  'press',
  'distributor',
  /** A mirror or scraper copy of another page. */
  'mirror',
  /** A page its users write: reviews, wikis anyone edits, blogs. */
  'user',
  'unknown',
] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** A short label a reader understands, shown beside each citation. */
export const SOURCE_KIND_LABEL: Record<SourceKind, string> = {
  official: 'official record',
  archive: 'film archive',
  reference: 'reference work',
  encyclopedia: 'encyclopedia',
  press: 'press',
  distributor: 'distributor',
  mirror: 'mirror copy',
  user: 'user-written',
  unknown: 'other source',
};

// Host suffixes, most specific first within each kind.
const HOSTS: ReadonlyArray<readonly [SourceKind, readonly string[]]> = [
  [
    'mirror',
    [
      'piglix.com',
      'infogalactic.com',
      'jmediawiki',
      'ipfs',
      'dweb.link',
      'slideplayer',
      'gpedia.com',
      'springfieldspringfield.co.uk',
      'kinox.ru',
      'liquisearch.com',
      'classicistranieri.com',
      'mediated.wiki',
      'iiab.me',
      'earthspot.org',
      'the-uncensored-wiki.com',
      'academic.ru',
      'fr-academic.com',
      'wikisum.wiki',
      'atogt.com',
      'wikiwand.com',
    ],
  ],
  [
    'user',
    [
      'tvtropes.org',
      'blogspot.com',
      'wordpress.com',
      'letterboxd.com',
      'myoldaddiction.com',
      'senscritique.com',
      'jablog.org',
      'newsland.com',
    ],
  ],
  [
    'official',
    [
      'festival-cannes.com',
      'festival-cannes.fr',
      'berlinale.de',
      'oscars.org',
      'bafta.org',
      'moscowfilmfestival.ru',
      'mosfilm.ru',
      'labiennale.org',
      'europeanfilmacademy.org',
      'sffilm.org',
      'glebpanfilov.ru',
      'miff.com.au',
      'russianresurrection.com',
    ],
  ],
  [
    'archive',
    ['fresques.ina.fr', 'ina.fr', 'bfi.org.uk', 'loc.gov', 'net-film.ru', 'gosfilmofond.ru'],
  ],
  [
    'reference',
    [
      'silentera.com',
      'kinoglaz.fr',
      'iro.umontreal.ca',
      'jstor.org',
      'festival.ilcinemaritrovato.it',
      'awardsarchive.com',
      'kino.filmz.ru',
      'cineartistes.com',
      'allmovie.com',
      'filmdienst.de',
    ],
  ],
  ['encyclopedia', ['wikipedia.org', 'britannica.com', 'wikidata.org']],
  ['distributor', ['coolconnections.ru', 'russiandvd.com', 'criterion.com', 'mosfilm-dvd']],
  [
    'press',
    [
      'elpais.com',
      'latimes.com',
      'upi.com',
      'chicagotribune.com',
      'nytimes.com',
      'theguardian.com',
      'smotrim.ru',
      'tribuna.news',
      'chapaev.media',
      'thedigitalfix.com',
      'fandor.com',
    ],
  ],
];

function hostOf(url: string): string | undefined {
  const m = /^https?:\/\/([^/?#:]+)/i.exec(url);
  return m?.[1]?.toLowerCase().replace(/\.$/, '');
}

/** The kind of a source, from its URL. */
export function sourceKind(source: Pick<Source, 'url'>): SourceKind {
  const host = hostOf(source.url);
  if (host === undefined) return 'unknown';
  // IMDb's data pages are a reference work; its user reviews are user pages.
  if (host.endsWith('imdb.com'))
    return /\/reviews?\b|\/user\//.test(source.url) ? 'user' : 'reference';
  for (const [kind, suffixes] of HOSTS) {
    if (suffixes.some((s) => host === s || host.endsWith(`.${s}`) || host.includes(s))) return kind;
  }
  return 'unknown';
}

/** A statement backed only by mirrors and user pages: curators should find a better source. */
export function weaklySourced(statement: Pick<Statement, 'sources'>): boolean {
  return (
    statement.sources.length > 0 &&
    statement.sources.every((s) => {
      const kind = sourceKind(s);
      return kind === 'mirror' || kind === 'user';
    })
  );
}

/**
 * What is wrong with a source URL, without going online: a missing scheme, a doubled host
 * ("advanceq.comwww.silentera.com"), or a host that is not a name. Undefined when it looks right.
 */
export function urlProblem(url: string): string | undefined {
  if (!/^https?:\/\//i.test(url)) return 'the URL has no http:// or https:// scheme';
  const host = hostOf(url);
  if (host === undefined || host === '') return 'the URL has no host';
  if (/^\d+(?:\.\d+){3}$/.test(host)) return `the host "${host}" is an address, not a name`;
  if (!/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/.test(host))
    return `the host "${host}" is not a domain name`;
  // Two hosts run together: "advanceq.comwww.silentera.com".
  if (
    /\.(?:com|org|net|ru|fr|de|uk|it)www\./.test(host) ||
    /(?:^|\.)www\.[^.]+\.[^.]+\.www\./.test(host)
  )
    return `the host "${host}" looks like two host names run together`;
  return undefined;
}
