export {
  ACCESS_FILTERS,
  CREDIT_ROLES,
  type AccessFilter,
  TITLE_KINDS,
  type Credit,
  type CreditRole,
  type FilmDetail,
  type FilmFilter,
  type FilmSummary,
  type ListKey,
  type Paging,
  type Page,
  type PersonDetail,
  type PersonName,
  type PersonRef,
  type Title,
  type TitleKind,
} from './catalog.ts';
export {
  CatalogRepository,
  type FilmCover,
  type ListPlan,
  type OnServer,
} from './catalog.repository.ts';
export {
  type CatalogReader,
  CatalogService,
  type CatalogVersion,
  type FilmAccessSource,
  type FilmFactsSource,
  type SelfHostedAccess,
} from './catalog.service.ts';
