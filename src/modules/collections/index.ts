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
export { CollectionsService } from './collections.service.ts';
