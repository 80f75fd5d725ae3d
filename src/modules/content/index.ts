export {
  collectionFileSchema,
  filmFileSchema,
  type CollectionFile,
  type FilmFile,
} from './content.schema.ts';
export {
  CollectionFiles,
  collectionFileText,
  hashState,
  readStoredCollection,
  stateFromFile,
  type CollectionState,
} from './collection-files.ts';
export { ContentRepository, type SyncReport, type Tally } from './content.repository.ts';
export {
  ContentService,
  type CheckReport,
  type ContentStatus,
  type KeepResult,
} from './content.service.ts';
