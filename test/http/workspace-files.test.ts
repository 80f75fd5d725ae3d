/**
 * The workspace's Import, Export and Users pages over HTTP, on SQLite and PostgreSQL: a
 * Letterboxd CSV uploaded from the browser is previewed with the candidates of every entry that
 * did not resolve, and the curator's choices become a draft; a broken file is refused naming its
 * line; the collection downloads as Letterboxd CSV and as a content file; an admin adds a user,
 * changes a role and disables an account (which ends its session), every change audited, and
 * nothing without the CSRF token.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseLetterboxdCsv } from '../../src/modules/imports/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

const BASE = 'http://kinoteka.test';
const PASSWORD = 'correct horse battery';
const fixture = readFileSync(new URL('../fixtures/lists/letterboxd-v7.csv', import.meta.url));

describe.each(DIALECTS)('workspace import, export and users (%s)', (dialect) => {
  let app: TestApp;
  const s = {} as Record<'curator' | 'admin', { cookie: string; csrf: string }>;
  const req = (path: string, init: RequestInit = {}) => app.http().request(`${BASE}${path}`, init);

  async function signIn(login: string, password = PASSWORD) {
    // The sign-in form carries a login CSRF token matching a cookie set with it.
    const form = await req('/sign-in');
    const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0]!;
    const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const res = await req('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
      body: new URLSearchParams({ login, password, next: '/workspace', _csrf: token }).toString(),
    });
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const page = await (await req('/workspace', { headers: { cookie } })).text();
    return {
      status: res.status,
      cookie,
      csrf: /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '',
    };
  }
  const post = (
    who: { cookie: string; csrf: string },
    path: string,
    fields: Record<string, string>,
    csrf = true,
  ) =>
    req(path, {
      method: 'POST',
      headers: { cookie: who.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ ...fields, ...(csrf ? { _csrf: who.csrf } : {}) }).toString(),
    });
  const upload = (who: { cookie: string; csrf: string }, bytes: Uint8Array, name: string) => {
    const body = new FormData();
    body.set('_csrf', who.csrf);
    body.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'text/csv' }));
    return req('/workspace/import', { method: 'POST', headers: { cookie: who.cookie }, body });
  };

  beforeAll(async () => {
    app = await createTestApp(dialect);
    for (const role of ['curator', 'admin'] as const) {
      await app.services.accounts.addUserFromCli({
        email: `${role}@kinoteka.test`,
        username: role,
        password: PASSWORD,
        role,
      });
      s[role] = await signIn(role);
    }
  });
  afterAll(async () => app?.close());

  let slug = '';

  it('previews a Letterboxd CSV with candidates, and makes a draft of the choices', async () => {
    const res = await upload(s.curator, fixture, 'letterboxd-v7.csv');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain(
      'Read letterboxd-v7.csv as a Letterboxd CSV: 5 entries, 3 found, 1 with several matching films, 1 not found',
    );
    expect(html).toContain('value="Mothers, sons and cranes"');
    // The ambiguous "Mother" offers the three Mothers, and nothing is chosen for it.
    const mother = html.slice(html.indexOf('Mother <span class="muted small">(line 11)'));
    const choices = [
      ...mother
        .slice(0, mother.indexOf('</fieldset>'))
        .matchAll(/name="film-3" value="([^"]*)"( checked)?/g),
    ];
    expect(choices.map((m) => m[1]).sort()).toEqual([
      '',
      'mother-1926',
      'mother-1955',
      'mother-1990',
    ]);
    expect(choices.find((m) => m[2])?.[1]).toBe('');
    // The curator keeps the three found, picks Panfilov's Mother, skips the unknown film.
    const fields: Record<string, string> = {
      count: '5',
      title: 'Mothers, sons and cranes',
      intro: 'From Letterboxd.',
    };
    for (const i of [0, 1, 2, 3, 4]) {
      const heading = new RegExp(`name="heading-${i}" value="([^"]*)"`).exec(html)?.[1] ?? '';
      const note = new RegExp(`name="note-${i}" value="([^"]*)"`).exec(html)?.[1] ?? '';
      const chosen = new RegExp(`name="film-${i}" value="([^"]*)" checked`).exec(html)?.[1] ?? '';
      Object.assign(fields, {
        [`heading-${i}`]: heading.replace(/&#39;/g, "'"),
        [`note-${i}`]: note.replace(/&#39;/g, "'"),
        [`film-${i}`]: i === 3 ? 'mother-1990' : chosen,
      });
    }
    const done = await post(s.curator, '/workspace/import/confirm', fields);
    expect(done.status).toBe(303);
    slug = /\/workspace\/collections\/([a-z0-9-]+)/.exec(done.headers.get('location') ?? '')![1]!;
    const user = (await app.services.accounts.listUsers()).find((u) => u.username === 'curator')!;
    const d = await app.services.drafts.get(user, slug);
    expect(d.entries.map((e) => e.film.slug)).toEqual([
      'mother-1926',
      'the-house-i-live-in-1957',
      'the-cranes-are-flying-1957',
      'mother-1990',
    ]);
    expect(d.entries[0]?.note).toBe("Pudovkin's silent, after Gorky.");
  });

  it('moves an entry to a position (drag and drop), and refuses a move from a stale version', async () => {
    const user = (await app.services.accounts.listUsers()).find((u) => u.username === 'curator')!;
    const d = await app.services.drafts.get(user, slug);
    const last = d.entries[3]!;
    const moved = await post(s.curator, `/workspace/collections/${slug}/move`, {
      version: String(d.version),
      entry: String(last.id),
      to: '1',
    });
    expect(moved.status).toBe(303);
    const after = await app.services.drafts.get(user, slug);
    expect(after.entries.map((e) => e.film.slug)).toEqual([
      'mother-1990',
      'mother-1926',
      'the-house-i-live-in-1957',
      'the-cranes-are-flying-1957',
    ]);
    const stale = await post(s.curator, `/workspace/collections/${slug}/move`, {
      version: String(d.version),
      entry: String(last.id),
      to: '4',
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain('Nothing of yours was saved');
    expect((await app.services.drafts.get(user, slug)).entries[0]?.film.slug).toBe('mother-1990');
  });

  it('refuses a broken file naming its line, and an upload without the CSRF token', async () => {
    const bad = new TextEncoder().encode('Letterboxd list export v7\nDate,Title\n');
    const res = await upload(s.curator, bad, 'broken.csv');
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('broken.csv:2: expected the list header');
    const body = new FormData();
    body.set('file', new File([fixture], 'l.csv'));
    const forged = await req('/workspace/import', {
      method: 'POST',
      headers: { cookie: s.curator.cookie },
      body,
    });
    expect(forged.status).toBe(403);
  });

  it('downloads the collection as Letterboxd CSV and as a content file', async () => {
    const csv = await req(`/workspace/collections/${slug}/export/letterboxd.csv`, {
      headers: { cookie: s.curator.cookie },
    });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('cache-control')).toContain('no-store');
    const list = parseLetterboxdCsv(await csv.text());
    expect(list.entries.map((e) => `${e.title} (${e.year})`)).toEqual([
      'Mother (1990)',
      'Mother (1926)',
      'The House I Live In (1957)',
      'The Cranes Are Flying (1957)',
    ]);
    const yaml = await (
      await req(`/workspace/collections/${slug}/export/content.yaml`, {
        headers: { cookie: s.curator.cookie },
      })
    ).text();
    expect(yaml).toContain(`slug: ${slug}`);
    expect(yaml).toContain('listedAs: Мать (1926)');
    expect((await req(`/workspace/collections/${slug}/export/letterboxd.csv`)).status).toBe(401);
  });

  it('lets an admin add a user, change a role and disable an account, all audited', async () => {
    expect((await req('/workspace/users', { headers: { cookie: s.curator.cookie } })).status).toBe(
      403,
    );
    const added = await post(s.admin, '/workspace/users', {
      email: 'new@kinoteka.test',
      username: 'newcomer',
      role: 'curator',
      password: PASSWORD,
    });
    expect(added.status).toBe(303);
    const short = await post(s.admin, '/workspace/users', {
      email: 'x@kinoteka.test',
      username: 'x',
      role: 'curator',
      password: 'short',
    });
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('password');
    const newcomer = (await app.services.accounts.listUsers()).find(
      (u) => u.username === 'newcomer',
    )!;
    expect(
      (await post(s.admin, `/workspace/users/${newcomer.id}/role`, { role: 'reviewer' }, false))
        .status,
    ).toBe(403);
    expect(
      (await post(s.admin, `/workspace/users/${newcomer.id}/role`, { role: 'reviewer' })).status,
    ).toBe(303);
    expect((await app.services.accounts.getUser(newcomer.id)).role).toBe('reviewer');

    const session = await signIn('newcomer');
    expect((await req('/workspace', { headers: { cookie: session.cookie } })).status).toBe(200);
    expect(
      (await post(s.admin, `/workspace/users/${newcomer.id}/disable`, { disabled: '1' })).status,
    ).toBe(303);
    expect((await req('/workspace', { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await signIn('newcomer')).status).toBe(401);
    const page = await (
      await req('/workspace/users', { headers: { cookie: s.admin.cookie } })
    ).text();
    expect(page).toMatch(/newcomer[\s\S]*Disabled \d{4}-\d{2}-\d{2}/);
    // An admin cannot disable the last active admin (themselves).
    const admin = (await app.services.accounts.listUsers()).find((u) => u.username === 'admin')!;
    expect(
      (await post(s.admin, `/workspace/users/${admin.id}/disable`, { disabled: '1' })).status,
    ).toBe(409);
    expect(
      (await post(s.admin, `/workspace/users/${newcomer.id}/disable`, { disabled: '0' })).status,
    ).toBe(303);
    expect((await signIn('newcomer')).status).toBe(303);

    const actions = (await app.services.accounts.listAudit({ limit: 50 }))
      .filter((a) => a.subject === `user:${newcomer.id}`)
      .map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'user.create',
        'user.role',
        'user.disable',
        'signin.disabled',
        'user.enable',
      ]),
    );
  });
});
