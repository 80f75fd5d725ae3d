/** Presenters for claim checks and list imports. */
import type { z } from 'zod';
import type { CollectionCheck } from '../modules/collections/index.ts';
import {
  type CheckedText,
  type Evidence,
  VERDICTS,
  describeEvidence,
  evidenceSources,
  evidenceWeaklySourced,
} from '../modules/facts/index.ts';
import type { ImportResult } from '../modules/imports/index.ts';
import type {
  checkedTextDto,
  collectionCheckDto,
  evidenceDto,
  importResultDto,
} from './check.dto.ts';
import { urls } from './urls.ts';

function presentEvidence(e: Evidence): z.infer<typeof evidenceDto> {
  const base = {
    type: e.type,
    summary: describeEvidence(e),
    sources: evidenceSources(e),
    weakly_sourced: evidenceWeaklySourced(e),
  };
  if (e.type === 'statement') {
    return { ...base, property: e.statement.property, value: e.statement.value };
  }
  const ed = e.edition;
  return {
    ...base,
    edition: {
      event: ed.event,
      edition: ed.edition ?? null,
      year: ed.year,
      award: ed.award,
      complete: ed.complete,
      winners: ed.winners.map((w) => w.title),
      nominees: ed.nominees.map((n) => n.title),
    },
  };
}

export function presentCheckedText(t: CheckedText): z.infer<typeof checkedTextDto> {
  return {
    text: t.text,
    claims: t.claims.map((c) => ({
      id: c.id,
      kind: c.kind,
      text: c.text,
      span: c.span,
      sentence: c.sentence,
      verdict: c.judgement.verdict,
      explanation: c.judgement.explanation,
      evidence: c.judgement.evidence.map(presentEvidence),
    })),
    counts: t.counts,
  };
}

export function presentCollectionCheck(c: CollectionCheck): z.infer<typeof collectionCheckDto> {
  const counts = Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<
    (typeof VERDICTS)[number],
    number
  >;
  for (const e of c.entries) {
    for (const v of VERDICTS) counts[v] += e.description.counts[v] + e.fact.counts[v];
  }
  return {
    slug: c.slug,
    title: c.title,
    status: c.status,
    counts,
    entries: c.entries.map((e) => ({
      position: e.position,
      film: { slug: e.filmSlug, title: e.filmTitle, year: e.year, url: urls.film(e.filmSlug) },
      listed_as: e.listedAs,
      description: presentCheckedText(e.description),
      fact: presentCheckedText(e.fact),
    })),
  };
}

export function presentImport(r: ImportResult): z.infer<typeof importResultDto> {
  return {
    collection: { ...r.collection, url: urls.factCheck(r.collection.slug) },
    format: r.list.format,
    intro: r.list.intro,
    counts: r.list.counts,
    entries: r.list.entries.map((e) => ({
      line: e.line,
      heading: e.heading,
      title: e.title,
      year: e.year,
      status: e.resolution.status,
      film: e.resolution.status === 'resolved' ? e.resolution.slug : null,
      evidence: e.resolution.status === 'resolved' ? e.resolution.evidence : null,
      candidates: e.resolution.candidates.map((c) => ({ ...c })),
    })),
  };
}
