export type {
  CollectionDetail,
  CollectionEntry,
  CollectionStatus,
  CollectionSummary,
  Correction,
  CorrectionField,
  PublishedCorrection,
} from './collections.ts';
export { excerpt } from './collections.ts';
export { CollectionsRepository } from './collections.repository.ts';
export {
  CollectionsService,
  type CollectionCheck,
  type EntryCheck,
} from './collections.service.ts';
export { DraftsRepository, type NewSource } from './drafts.repository.ts';
export {
  DraftsService,
  StaleDraftError,
  type AuditRecorder,
  type Draft,
  type DraftEdit,
  type DraftEntry,
  type DraftOp,
  type DraftSummary,
  type ImportedDraftEntry,
} from './drafts.service.ts';
export {
  type DiffPart,
  type Revision,
  type RevisionInfo,
  type RevisionKind,
  type Snapshot,
  type SnapshotDiff,
  type StatementChange,
  REVISION_KIND_VALUES,
  diffSnapshots,
  statementChanges,
  wordDiff,
} from './revisions.ts';
export {
  RevisionsService,
  type FilmNames,
  type History,
  type ReviewView,
  type RevisionComparison,
} from './revisions.service.ts';
export {
  type FilmChange,
  type FilmFields,
  type FilmForm,
  type FilmProposal,
  alternativesText,
  creditsText,
  offersText,
  parseFilmForm,
} from './film-drafts.ts';
export { FilmDraftsService, type FilmDraft } from './film-drafts.service.ts';
export type { FilmDraftRow } from './film-drafts.repository.ts';
