export {
  collectionFileSchema,
  filmFileSchema,
  type CollectionFile,
  type FilmFile,
} from './content.schema.ts';
export { ContentRepository, type SyncReport, type Tally } from './content.repository.ts';
export {
  ContentService,
  type CheckReport,
  type ContentStatus,
  type KeepResult,
} from './content.service.ts';
