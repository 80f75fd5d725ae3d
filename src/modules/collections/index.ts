export type {
  CollectionDetail,
  CollectionEntry,
  CollectionStatus,
  CollectionSummary,
  Correction,
  CorrectionField,
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
