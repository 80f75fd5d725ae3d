/** The knowledge base: model, content-file and Wikidata loaders, and text matching helpers. */
export {
  KnowledgeBase,
  AWARD_RESULTS,
  TITLE_KINDS,
  awardEditionSchema,
  editionEntrySchema,
  editionId,
  filmRecordSchema,
  knowledgeDataSchema,
  sameTitle,
  sourceSchema,
  statementId,
  statementSchema,
  withId,
} from './kb.ts';
export {
  SOURCE_KINDS,
  SOURCE_KIND_LABEL,
  sourceKind,
  urlProblem,
  weaklySourced,
} from './sources.ts';
export type { SourceKind } from './sources.ts';
export type {
  AddSummary,
  AwardEdition,
  AwardResult,
  EditionEntry,
  FilmRecord,
  KnowledgeData,
  Listing,
  Person,
  Property,
  Source,
  Source as KnowledgeSource,
  Statement,
  StatementInput,
  StatementOf,
  TitleForm,
  TitleKind,
} from './kb.ts';
export {
  eventsFileSchema,
  filmKnowledgeFileSchema,
  mergeBatches,
  parseEventsFile,
  parseFilmKnowledge,
} from './knowledge-file.ts';
export { EVENTS_FILE, loadKnowledgeDir, parseKnowledgeFile } from './knowledge-dir.ts';
export { KnowledgeFileError } from './yaml-file.ts';
export type { FileIssue } from './yaml-file.ts';
export { loadWikidata, loadWikidataFile, WikidataFormatError } from './wikidata.ts';
export type { WikidataOptions, WikidataProgress, WikidataResult } from './wikidata.ts';
export { compareAwards, eventKey, eventName, findEvent, sameEvent } from './vocabulary.ts';
export {
  editDistance,
  normalize,
  ordinal,
  sameName,
  skeleton,
  slugify,
  spellingTolerance,
  stripArticle,
  surnameKey,
  transliterate,
} from '../../../lib/text/index.ts';
