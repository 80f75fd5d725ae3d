/**
 * The static export of the site (docs/export.md): the pages as the app renders them, crawled
 * through its fetch, and search in the browser from the engine's snapshot.
 */
export { bundleSearchClient } from './bundle.ts';
export {
  type ExportOptions,
  type ExportReport,
  exportSite,
  fileFor,
  relativeLink,
  SEARCH_INDEX_FILE,
  SEARCH_SCRIPT_FILE,
} from './site.ts';
