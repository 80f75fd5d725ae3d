/** One-line, human-readable summaries of evidence, for the Fact check page, CLI and API. */
import type { Evidence } from './claims/index.ts';
import { ordinal } from '../../lib/text/index.ts';
import { type SourceKind, sourceKind, weaklySourced } from './kb/sources.ts';

const RESULT: Record<string, string> = {
  won: 'won',
  nominated: 'nominated',
  'in-competition': 'in competition',
  'special-mention': 'special mention',
  'submitted-not-nominated': 'submitted, not nominated',
  screened: 'screened',
  ranked: 'ranked',
};

export function describeEvidence(e: Evidence): string {
  if (e.type === 'edition') {
    const ed = e.edition;
    const name = `${ed.edition ? `${ordinal(ed.edition)} ` : ''}${ed.event} (${ed.year}), ${ed.award}`;
    const list = (xs: { title: string }[]) => xs.map((x) => x.title).join('; ') || 'none recorded';
    const parts = [
      `${name}: winners ${list(ed.winners)}`,
      ...(ed.nominees.length ? [`nominees ${list(ed.nominees)}`] : []),
      ed.complete ? 'list complete' : 'list not known to be complete',
    ];
    return parts.join('; ');
  }
  const s = e.statement;
  const v = s.value as Record<string, unknown>;
  switch (s.property) {
    case 'director':
    case 'writer':
      return `${s.property}: ${String(v.name)}`;
    case 'cast':
      return `cast: ${String((v.person as { name?: string } | undefined)?.name ?? '')}${v.character ? ` as ${String(v.character)}` : ''}`;
    case 'releaseYear':
      return `released ${String(v.year)}`;
    case 'country':
    case 'studio':
      return `${s.property}: ${String(v.name)}`;
    case 'runtime':
      return `runtime ${String(v.minutes)} min`;
    case 'basedOn':
      return `based on ${String(v.work)}${v.author ? ` by ${String(v.author)}` : ''}`;
    case 'remakeOf':
    case 'remadeAs':
    case 'otherVersion': {
      const label = { remakeOf: 'remake of', remadeAs: 'remade as', otherVersion: 'other version' }[
        s.property
      ];
      const dirs =
        Array.isArray(v.directors) && v.directors.length ? `, ${v.directors.join(', ')}` : '';
      return `${label}: ${String(v.title)}${v.year ? ` (${String(v.year)}${dirs})` : ''}`;
    }
    case 'seriesPart':
      return `part ${v.ordinal ? String(v.ordinal) : '?'}${v.of ? ` of ${String(v.of)}` : ''} of ${String(v.series)}`;
    case 'award':
      return `${String(v.event)}${v.year ? ` ${String(v.year)}` : ''}, ${String(v.award)}: ${RESULT[String(v.result)] ?? String(v.result)}`;
  }
}

export function evidenceSources(
  e: Evidence,
): { url: string; title: string | null; publisher: string | null; kind: SourceKind }[] {
  const sources = e.type === 'edition' ? e.edition.sources : e.statement.sources;
  const seen = new Set<string>();
  return sources.flatMap((s) =>
    seen.has(s.url) || !seen.add(s.url)
      ? []
      : [
          {
            url: s.url,
            title: s.title ?? null,
            publisher: s.publisher ?? null,
            kind: sourceKind(s),
          },
        ],
  );
}

/** Evidence whose every source is a mirror copy or a user-written page. */
export function evidenceWeaklySourced(e: Evidence): boolean {
  return weaklySourced({ sources: e.type === 'edition' ? e.edition.sources : e.statement.sources });
}
