/**
 * The admin's banner over broken content, on a real server (the Node listener, with the
 * response cache in front of Hono) over a database that holds the catalogue, after a load of a
 * folder with a typo kept the old content: a signed-in admin sees the broken file and line and
 * what to do on every page; a reader and a curator see no banner, and the pages an admin was
 * shown never reach the shared cache (nor do the cached pages reach the admin).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/http/auth/auth.ts';
import type { ServerHandle } from '../../src/main.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';
import { CONTENT_DIR } from '../helpers/db.ts';
import { listen } from '../helpers/server.ts';

const PASSWORD = 'correct horse battery';

let app: TestApp;
let server: ServerHandle;
let tmp: string;
let broken: string;
let brokenLine: number;
const cookies: Record<'admin' | 'curator', string> = { admin: '', curator: '' };

/** A session as the sign-in form would start it; the cookie the browser would send back. */
async function signIn(login: string): Promise<string> {
  const s = await app.services.accounts.signIn({ login, password: PASSWORD, address: '127.0.0.1' });
  return `${SESSION_COOKIE}=${s.sessionToken}`;
}

const get = (p: string, cookie?: string) =>
  fetch(`${server.url}${p}`, cookie ? { headers: { cookie } } : {});

beforeAll(async () => {
  app = await createTestApp('sqlite');
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-banner-'));
  broken = path.join(tmp, 'content');
  fs.cpSync(CONTENT_DIR, broken, { recursive: true });
  const file = path.join(broken, 'films/mother-1926.yaml');
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  brokenLine = lines.findIndex((l) => l === 'year: 1926') + 1;
  expect(brokenLine).toBeGreaterThan(0);
  lines[brokenLine - 1] = 'year: nineteen twenty-six';
  fs.writeFileSync(file, lines.join('\n'));
  // What start-up does over a database that holds content.
  const kept = await app.services.content.loadOrKeep(broken);
  expect(kept.loaded).toBe(false);
  for (const role of ['admin', 'curator'] as const) {
    await app.services.accounts.addUserFromCli({
      email: `${role}@kinoteka.test`,
      username: role,
      password: PASSWORD,
      role,
    });
  }
  server = await listen(app);
  cookies.admin = await signIn('admin');
  cookies.curator = await signIn('curator');
}, 120_000);

afterAll(async () => {
  await server?.close();
  await app?.close();
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the broken-content banner', () => {
  it('shows an admin the broken file and line and what to do, on every kind of page', async () => {
    const where = `films/mother-1926.yaml:${brokenLine}`;
    for (const p of [
      '/',
      '/films',
      '/films/mother-1926',
      '/people/vsevolod-pudovkin',
      '/search?q=mat',
    ]) {
      const res = await get(p, cookies.admin);
      expect(res.status, p).toBe(200);
      expect(res.headers.get('cache-control'), p).toBe('private, no-store');
      const html = await res.text();
      const banner = /<section class="admin-banner"[\s\S]*?<\/section>/.exec(html)?.[0] ?? '';
      expect(banner, p).toContain(where);
      expect(banner).toContain('year');
      expect(banner).toContain(`kinoteka content check --dir ${broken}`);
      expect(banner).toMatch(/restart/);
      // The old content is still what the page shows.
      if (p === '/films/mother-1926') expect(html).toContain('Pudovkin');
    }
    // /readyz reports the same place.
    const ready = (await (await get('/readyz')).json()) as { problems: { where: string }[] };
    expect(ready.problems.map((x) => x.where)).toContain(where);
  });

  it('is never shown to a reader or a curator, before or after an admin saw the page', async () => {
    // A reader first: the page goes into the shared cache.
    const first = await get('/films/mother-1926');
    expect(first.headers.get('cache-control')).toMatch(/public/);
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect(await first.text()).not.toContain('admin-banner');
    // The admin asks for the same URL and is not given the cached copy.
    expect(await (await get('/films/mother-1926', cookies.admin)).text()).toContain('admin-banner');
    // The reader still gets the reader's copy, unchanged.
    const again = await get('/films/mother-1926');
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).not.toContain('admin-banner');

    // An admin first on a page nobody has asked for: what the admin saw is not stored.
    expect(await (await get('/films/the-ascent-1977', cookies.admin)).text()).toContain(
      'admin-banner',
    );
    const reader = await get('/films/the-ascent-1977');
    expect(reader.headers.get('cache-control')).toMatch(/public/);
    expect(await reader.text()).not.toContain('admin-banner');

    const curator = await get('/films/the-ascent-1977', cookies.curator);
    expect(curator.status).toBe(200);
    expect(await curator.text()).not.toContain('admin-banner');
  });

  it('goes once a load of the fixed folder succeeds', async () => {
    await app.services.content.load(CONTENT_DIR);
    const html = await (await get('/films', cookies.admin)).text();
    expect(html).not.toContain('admin-banner');
    expect(html).toContain('Mother');
  });
});
