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
