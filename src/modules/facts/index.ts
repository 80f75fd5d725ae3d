export { type Fact, type Source, numberSources } from './facts.ts';
export { FactsRepository } from './facts.repository.ts';
export { FactsService, type FactsReader, type FilmFacts } from './facts.service.ts';
export { KnowledgeRepository } from './knowledge.repository.ts';
export { describeEvidence, evidenceSources, evidenceWeaklySourced } from './evidence.ts';
export { KnowledgeService, type WikidataLoadReport } from './knowledge.service.ts';
export {
  VERDICTS,
  type CheckedClaim,
  type CheckedText,
  type Evidence,
  type Judgement,
  type Verdict,
} from './claims/index.ts';
export {
  TITLE_KINDS,
  SOURCE_KINDS,
  SOURCE_KIND_LABEL,
  sourceKind,
  urlProblem,
  weaklySourced,
} from './kb/index.ts';
export type {
  AwardEdition,
  TitleKind,
  KnowledgeData,
  Statement,
  KnowledgeSource,
  WikidataProgress,
  SourceKind,
} from './kb/index.ts';
