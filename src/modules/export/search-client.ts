/**
 * Search in the static export, in the browser: reads `?q=` as the search page does, loads the
 * index's manifest (assets/search/manifest.json) and the parts the query's words need
 * (shards.ts), and answers with the engine itself (bundled from src/modules/search by esbuild,
 * see bundle.ts), so a query finds in the export what it finds on the server: any script, any
 * romanization, typos. Results are drawn as the server's search page draws them, with text
 * nodes only (never markup from the index).
 */
import { SearchIndex, type SearchHit } from '../../modules/search/index.ts';
import { partFile, searchParts, type ShardManifest } from './shards.ts';

const RESULTS = 30;
const QUERY_MAX = 200;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.append(...children);
  return e;
}

function card({ index, hit }: { index: SearchIndex; hit: SearchHit }, root: string): HTMLElement {
  const doc = index.document(hit.slug);
  const titles = doc?.titles ?? [];
  const english = titles.find((t) => t.kind === 'english')?.text ?? hit.matchedTitle;
  const original = titles.find((t) => t.kind === 'original')?.text;
  const href = `${root}films/${hit.slug}/`;
  const body = el(
    'div',
    {},
    el(
      'h3',
      {},
      el('a', { href }, english),
      ' ',
      el('span', { class: 'year' }, hit.year ? `(${hit.year})` : ''),
    ),
  );
  if (original && original !== english) body.append(el('p', { class: 'muted' }, original));
  const matched = hit.matchedPerson ?? (hit.matchedTitle !== english ? hit.matchedTitle : null);
  if (matched) body.append(el('p', { class: 'muted small credit-line' }, `Matched “${matched}”`));
  const cover = el(
    'a',
    { href, class: 'film-card-cover', tabindex: '-1', 'aria-hidden': 'true' },
    el('img', {
      src: `${root}covers/films/${hit.slug}.svg`,
      alt: '',
      width: '120',
      height: '180',
      loading: 'lazy',
    }),
  );
  return el('li', {}, el('article', { class: 'film-card' }, cover, body));
}

async function run(): Promise<void> {
  const mount = document.getElementById('static-search');
  if (!mount) return;
  const q = (new URLSearchParams(location.search).get('q') ?? '').trim().slice(0, QUERY_MAX);
  const input = document.querySelector<HTMLInputElement>('#site-search');
  if (input) input.value = q;
  if (!q) return;
  const header = document.querySelector('main .page-header');
  const status = el('p', { class: 'muted', role: 'status' }, `Searching for “${q}”…`);
  header?.querySelector('p')?.replaceWith(status);
  document.title = `Search: ${q} · Kinoteka`;
  const manifestUrl = mount.dataset.index ?? '';
  let downloaded = 0;
  const get = async (url: string): Promise<Response> => {
    const res = await fetch(url);
    if (!res.ok) throw new Error(`${res.status}`);
    return res;
  };
  let found: Awaited<ReturnType<typeof searchParts>>;
  try {
    const manifestRes = await get(manifestUrl);
    const manifestBytes = new Uint8Array(await manifestRes.arrayBuffer());
    downloaded += manifestBytes.byteLength;
    const manifest = JSON.parse(new TextDecoder().decode(manifestBytes)) as ShardManifest;
    const base = new URL('./', new URL(manifestUrl, location.href));
    found = await searchParts(
      manifest,
      q,
      async (i) => {
        const bytes = new Uint8Array(
          await (await get(new URL(partFile(i), base).href)).arrayBuffer(),
        );
        downloaded += bytes.byteLength;
        return SearchIndex.fromSnapshot(bytes).index;
      },
      RESULTS,
    );
  } catch (e) {
    status.textContent = `The search index could not be loaded (${(e as Error).message}).`;
    return;
  }
  // what this search downloaded, for the curious (and the tests)
  mount.dataset.downloaded = String(downloaded);
  document.body.dataset.searchDownloaded = String(downloaded);
  const hits = found.hits;
  status.textContent =
    hits.length === 0
      ? `Nothing found for “${q}”.`
      : `${hits.length} ${hits.length === 1 ? 'film' : 'films'} for “${q}”`;
  const root = mount.dataset.siteRoot ?? '/';
  if (hits.length > 0)
    mount.replaceWith(
      el('ol', { class: 'film-list search-results' }, ...hits.map((h) => card(h, root))),
    );
}

void run();
