export {
  CREDIT_ROLES,
  TITLE_KINDS,
  type Credit,
  type CreditRole,
  type FilmDetail,
  type FilmFilter,
  type FilmSummary,
  type Page,
  type PersonDetail,
  type PersonRef,
  type Title,
  type TitleKind,
} from './catalog.ts';
export { CatalogRepository } from './catalog.repository.ts';
export { CatalogService } from './catalog.service.ts';
