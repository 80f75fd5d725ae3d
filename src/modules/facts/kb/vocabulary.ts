/**
 * Names of festivals, ceremonies and awards, and how loosely two award names may differ and still
 * mean the same prize. Shared by the knowledge base (matching editions), the Wikidata loader
 * (splitting "Academy Award for Best Director") and the claim extractor and judge.
 */
import { normalize, editDistance } from '../../../lib/text/index.ts';

export interface EventInfo {
  /** Stable key used to compare events however they are written. */
  key: string;
  /** The name used when we write about the event. */
  name: string;
  /** Names that identify the event anywhere in a sentence. */
  aliases: readonly string[];
  /** Short names (a bare city) that identify it only where an event is expected ("at Cannes"). */
  weakAliases: readonly string[];
  /** Award names that belong to this event alone ("Palme d'Or" is a Cannes prize). */
  awards: readonly string[];
  /** Ceremonies nominate films; festivals show them. A film is never "shown at the Oscars". */
  kind: 'festival' | 'ceremony' | 'prize';
}

export const EVENTS: readonly EventInfo[] = [
  {
    key: 'cannes',
    name: 'Cannes Film Festival',
    aliases: [
      'cannes film festival',
      'cannes international film festival',
      'festival de cannes',
      'cannes festival',
    ],
    weakAliases: ['cannes'],
    awards: ['palme dor', 'golden palm', 'camera dor'],
    kind: 'festival',
  },
  {
    key: 'berlin',
    name: 'Berlin International Film Festival',
    aliases: ['berlin international film festival', 'berlin film festival', 'berlinale'],
    weakAliases: ['berlin'],
    awards: ['golden bear', 'silver bear'],
    kind: 'festival',
  },
  {
    key: 'venice',
    name: 'Venice Film Festival',
    aliases: [
      'venice international film festival',
      'venice film festival',
      'mostra internazionale darte cinematografica',
    ],
    weakAliases: ['venice'],
    awards: ['golden lion', 'silver lion', 'volpi cup'],
    kind: 'festival',
  },
  {
    key: 'moscow',
    name: 'Moscow International Film Festival',
    aliases: ['moscow international film festival', 'moscow film festival'],
    weakAliases: ['moscow'],
    awards: ['golden st george'],
    kind: 'festival',
  },
  {
    key: 'karlovy-vary',
    name: 'Karlovy Vary International Film Festival',
    aliases: ['karlovy vary international film festival', 'karlovy vary film festival'],
    weakAliases: ['karlovy vary'],
    awards: ['crystal globe'],
    kind: 'festival',
  },
  {
    key: 'locarno',
    name: 'Locarno Film Festival',
    aliases: ['locarno international film festival', 'locarno film festival'],
    weakAliases: ['locarno'],
    awards: ['golden leopard'],
    kind: 'festival',
  },
  {
    key: 'san-sebastian',
    name: 'San Sebastián International Film Festival',
    aliases: ['san sebastian international film festival', 'san sebastian film festival'],
    weakAliases: ['san sebastian'],
    awards: ['golden shell'],
    kind: 'festival',
  },
  {
    key: 'san-francisco',
    name: 'San Francisco International Film Festival',
    aliases: ['san francisco international film festival', 'san francisco film festival'],
    weakAliases: ['san francisco'],
    awards: ['golden gate award', 'golden gate awards'],
    kind: 'festival',
  },
  {
    key: 'oscars',
    name: 'Academy Awards',
    aliases: ['academy awards', 'academy award', 'oscars', 'oscar'],
    weakAliases: [],
    awards: [],
    kind: 'ceremony',
  },
  {
    key: 'bafta',
    name: 'BAFTA Film Awards',
    aliases: [
      'bafta film awards',
      'british academy film awards',
      'bafta awards',
      'baftas',
      'bafta',
      'british academy award',
    ],
    weakAliases: [],
    awards: [],
    kind: 'ceremony',
  },
  {
    key: 'golden-globes',
    name: 'Golden Globe Awards',
    aliases: ['golden globe awards', 'golden globes', 'golden globe'],
    weakAliases: [],
    awards: [],
    kind: 'ceremony',
  },
  {
    key: 'european-film-awards',
    name: 'European Film Awards',
    aliases: ['european film awards', 'european film award', 'felix awards'],
    weakAliases: [],
    awards: [],
    kind: 'ceremony',
  },
];

const FILLER = new Set([
  'the',
  'international',
  'film',
  'films',
  'festival',
  'of',
  'de',
  'del',
  'awards',
  'award',
  'annual',
  'in',
]);

function containsPhrase(haystack: string, phrase: string): number {
  const at = ` ${haystack} `.indexOf(` ${phrase} `);
  return at;
}

/**
 * The known event a name refers to, when it names one. With `weak: false`, a bare city does not
 * count (in running text "Moscow" is usually the city, not the festival).
 */
export function findEvent(
  name: string,
  { weak = true }: { weak?: boolean } = {},
): EventInfo | undefined {
  const n = normalize(name);
  let best: { event: EventInfo; len: number } | undefined;
  for (const event of EVENTS) {
    for (const alias of [...event.aliases, ...(weak ? event.weakAliases : []), ...event.awards]) {
      if (containsPhrase(n, alias) >= 0 && (best === undefined || alias.length > best.len)) {
        best = { event, len: alias.length };
      }
    }
  }
  return best?.event;
}

/**
 * A key that is equal for two ways of writing the same event: "Cannes Film Festival (11th)",
 * "Festival de Cannes" and "Cannes" all give "cannes".
 */
export function eventKey(name: string): string {
  const known = findEvent(name);
  if (known) return known.key;
  return normalize(name.replace(/\([^)]*\)/g, ' '))
    .split(' ')
    .filter((w) => !FILLER.has(w) && !/^\d+(st|nd|rd|th)?$/.test(w))
    .join('-');
}

/** The key with a bracketed place kept: "… agricultural films (Rome)" is "… films in Rome". */
function placedEventKey(name: string): string {
  return eventKey(name.replace(/[()]/g, ' '));
}

export function sameEvent(a: string, b: string): boolean {
  const ka = eventKey(a);
  if (ka.length > 0 && ka === eventKey(b)) return true;
  const pa = placedEventKey(a);
  return pa.length > 0 && pa === placedEventKey(b);
}

/** The name we write for an event. */
export function eventName(name: string): string {
  return findEvent(name)?.name ?? name;
}

// Awards that go by several names. Each pattern runs on the normalised name.
const AWARD_CONCEPTS: ReadonlyArray<{ concept: string; pattern: RegExp }> = [
  {
    concept: 'original-screenplay',
    pattern:
      /\boriginal (screenplay|script|scenario|story)\b|\bstory and screenplay\b|\bwritten directly for the screen\b/,
  },
  {
    concept: 'adapted-screenplay',
    pattern: /\badapted screenplay\b|\bscreenplay based on\b|\bbased on material\b/,
  },
  {
    concept: 'foreign-language-film',
    pattern: /\bforeign language film\b|\binternational feature film\b|\bforeign film\b/,
  },
  { concept: 'palme-d-or', pattern: /\bpalme d ?or\b|\bgolden palm\b/ },
  { concept: 'golden-bear', pattern: /\bgolden bear\b|\bgoldener bar\b/ },
  { concept: 'golden-lion', pattern: /\bgolden lion\b|\bleone d ?oro\b/ },
  { concept: 'special-jury-prize', pattern: /\bspecial jury prize\b|\bprix special du jury\b/ },
  { concept: 'gold-prize', pattern: /\bgold(en)? prize\b/ },
  { concept: 'best-director', pattern: /\bbest direct(or|ion|ing)\b|\bmise en scene\b/ },
  { concept: 'best-actress', pattern: /\bbest actress\b/ },
  { concept: 'best-actor', pattern: /\bbest actor\b/ },
  { concept: 'fipresci', pattern: /\bfipresci\b/ },
];

// "Prize", "Prix" and "Award" carry no meaning of their own: "Grand Prix" is the Grand Prize.
const AWARD_FILLER = new Set([
  'prize',
  'prix',
  'the',
  'a',
  'an',
  'for',
  'of',
  'award',
  'awards',
  'academy',
  'oscar',
  'best',
  'in',
  'category',
  'de',
  'la',
  'du',
  'le',
  'l',
]);

/** A name and the alternative names written in its brackets: "Special Prize (Prix spécial)". */
export function awardAlternatives(name: string): string[] {
  const out = [
    name
      .replace(/\([^)]*\)/g, ' ')
      .replace(/\s+/g, ' ')
      .trim(),
  ];
  for (const m of name.matchAll(/\(([^)]*)\)/g)) {
    const inner = m[1]?.trim();
    if (inner) out.push(inner);
  }
  return out.filter((s) => s.length > 0);
}

export function awardConcept(name: string): string | undefined {
  const n = normalize(name);
  return AWARD_CONCEPTS.find((c) => c.pattern.test(n))?.concept;
}

function awardTokens(name: string): string[] {
  return normalize(name)
    .split(' ')
    .filter((w) => w.length > 0 && !AWARD_FILLER.has(w));
}

function tokensEqual(a: string, b: string): boolean {
  return a === b || (Math.min(a.length, b.length) >= 5 && editDistance(a, b, 1) <= 1);
}

/**
 * How two award names compare: `same` (the same prize, however loosely named: "Best Original
 * Screenplay" and "Best Writing, Story and Screenplay – Written Directly for the Screen"), `near`
 * (similar names that may or may not be the same prize: "Special Prize" and "Special Jury
 * Prize"), or `different`.
 */
export function compareAwards(a: string, b: string): 'same' | 'near' | 'different' {
  let near = false;
  for (const x of awardAlternatives(a)) {
    for (const y of awardAlternatives(b)) {
      const cx = awardConcept(x);
      const cy = awardConcept(y);
      if (cx !== undefined && cx === cy) return 'same';
      // Two known, different prizes ("original" and "adapted" screenplay) are not look-alikes.
      if (cx !== undefined && cy !== undefined) continue;
      const tx = awardTokens(x);
      const ty = awardTokens(y);
      if (tx.length === 0 || ty.length === 0) continue;
      const shared = tx.filter((t) => ty.some((u) => tokensEqual(t, u))).length;
      if (shared === tx.length && shared === ty.length && cx === cy) return 'same';
      if (shared / Math.max(tx.length, ty.length) >= 0.5) near = true;
    }
  }
  return near ? 'near' : 'different';
}

/**
 * Splits an award name that carries its event: "Academy Award for Best Director" →
 * { event: "Academy Awards", award: "Best Director" }. Names without an event come back as is.
 */
export function splitAwardName(label: string): { event?: string; award: string } {
  const m =
    /^(.*?\b(?:academy award|oscar|bafta award|golden globe award|european film award))s?\s+for\s+(.+)$/i.exec(
      label,
    );
  if (m?.[1] !== undefined && m[2] !== undefined) {
    return { event: eventName(m[1]), award: m[2].trim() };
  }
  const known = findEvent(label);
  if (known && known.awards.some((a) => containsPhrase(normalize(label), a) >= 0)) {
    return { event: known.name, award: label };
  }
  return { award: label };
}
