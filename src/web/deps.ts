/** What the pages are given by the composition root: services, the public URL, a renderer. */
import type { CatalogService } from '../modules/catalog/index.ts';
import type { CollectionsService } from '../modules/collections/index.ts';
import type { SearchService } from '../modules/search/index.ts';
import type { Renderer } from './render.tsx';

export interface WebDeps {
  catalog: CatalogService;
  collections: CollectionsService;
  search: SearchService;
  publicUrl: string;
}

export interface PageDeps extends WebDeps {
  render: Renderer;
}
