/**
 * Security of the workspace, on SQLite and PostgreSQL: every write route of the API and every
 * workspace page (enumerated from the OpenAPI document and the page router, not listed by hand)
 * refuses an anonymous request (401) and too small a role (403); CSRF is required on session
 * writes and not on bearer-token ones; sign-in is throttled (429); a stale save is a 409 that
 * shows both versions; publishing over a contradicted claim needs a written reason; and a reader
 * never sees a draft.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIONS, type Role, ROLES } from '../../src/modules/accounts/index.ts';
import { DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

const BASE = 'http://kinoteka.test';
const PASSWORD = 'correct horse battery';
const CRANES = 'the-cranes-are-flying-1957';
/** The Cranes Are Flying won the Palme d'Or at Cannes in 1958, not in 1960. */
const FALSE_AWARD = "The Cranes Are Flying won the Palme d'Or in 1960.";

interface Client {
  role: Role;
  cookie: string;
  csrf: string;
  token: string;
}

/** Public operations that may be called without credentials although they are not GET. */
const PUBLIC_NON_GET = new Set(['checkClaim']);

describe.each(DIALECTS)('accounts and roles over HTTP (%s)', (dialect) => {
  let app: TestApp;
  const clients = {} as Record<Role, Client>;

  const req = (path: string, init: RequestInit = {}) =>
    app.http().request(path.startsWith('http') ? path : `${BASE}${path}`, init);

  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const formInit = (
    c: Client | null,
    fields: Record<string, string>,
    csrf = true,
  ): RequestInit => ({
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      ...(c ? { cookie: c.cookie } : {}),
    },
    body: form({ ...fields, ...(c && csrf ? { _csrf: c.csrf } : {}) }),
  });

  /** The sign-in form's login-CSRF cookie and token, as a browser gets them with the form. */
  async function loginForm(url = `${BASE}/sign-in`): Promise<{ cookie: string; csrf: string }> {
    const res = await req(url);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1] ?? '';
    return { cookie, csrf };
  }
  const postSignIn = async (url: string, fields: Record<string, string>) => {
    const f = await loginForm(url);
    return req(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
      body: form({ ...fields, _csrf: f.csrf }),
    });
  };

  async function signIn(login: string): Promise<{ cookie: string; csrf: string }> {
    const res = await postSignIn(`${BASE}/sign-in`, {
      login,
      password: PASSWORD,
      next: '/workspace',
    });
    expect(res.status).toBe(303);
    const setCookie = res.headers.get('set-cookie') ?? '';
    const cookie = setCookie.split(';')[0]!;
    const page = await (await req('/account', { headers: { cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(csrf).toBeTruthy();
    return { cookie, csrf: csrf! };
  }

  async function newDraft(
    c: Client,
    title: string,
    note?: string,
  ): Promise<{ slug: string; version: number }> {
    const created = await req('/api/v1/drafts', {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title, intro: 'An intro.' }),
    });
    expect(created.status).toBe(201);
    const { slug } = ((await created.json()) as { data: { slug: string } }).data;
    const added = await req(`/api/v1/drafts/${slug}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ version: 1, add_film: CRANES }),
    });
    expect(added.status).toBe(200);
    let draft = ((await added.json()) as { data: { version: number; entries: { id: number }[] } })
      .data;
    if (note !== undefined) {
      const saved = await req(`/api/v1/drafts/${slug}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ version: draft.version, notes: { [draft.entries[0]!.id]: note } }),
      });
      expect(saved.status).toBe(200);
      draft = ((await saved.json()) as { data: typeof draft }).data;
    }
    return { slug, version: draft.version };
  }

  beforeAll(async () => {
    app = await createTestApp(dialect);
    for (const role of ROLES) {
      await app.services.accounts.addUserFromCli({
        email: `${role}@kinoteka.test`,
        username: role,
        password: PASSWORD,
        role,
      });
      const s = await signIn(role);
      const user = (await app.services.accounts.listUsers()).find((u) => u.username === role)!;
      const { token } = await app.services.accounts.createApiToken(user, `${role} script`);
      clients[role] = { role, ...s, token };
    }
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('sets the session cookie HttpOnly, SameSite=Lax, Path=/, and Secure over HTTPS', async () => {
    const signInOver = (url: string) => postSignIn(url, { login: 'curator', password: PASSWORD });
    const plain = (await signInOver(`${BASE}/sign-in`)).headers.get('set-cookie') ?? '';
    expect(plain).toMatch(/^kt_session=[^;]+;/);
    expect(plain).toMatch(/HttpOnly/);
    expect(plain).toMatch(/SameSite=Lax/);
    expect(plain).toMatch(/Path=\//);
    expect(plain).not.toMatch(/Secure/);
    const tls = (await signInOver('https://kinoteka.test/sign-in')).headers.get('set-cookie') ?? '';
    expect(tls).toMatch(/Secure/);
  });

  it('declares bearer and cookie security schemes, and security on every write operation', async () => {
    const doc = (await (await req('/api/openapi.json')).json()) as {
      components: {
        securitySchemes: Record<string, { type: string; scheme?: string; in?: string }>;
      };
      paths: Record<string, Record<string, { operationId: string; security?: unknown[] }>>;
    };
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({
      type: 'http',
      scheme: 'bearer',
    });
    expect(doc.components.securitySchemes.cookieAuth).toMatchObject({
      type: 'apiKey',
      in: 'cookie',
    });
    const unguarded = Object.values(doc.paths)
      .flatMap((ops) => Object.entries(ops))
      .filter(([method, op]) => method !== 'get' && !op.security)
      .map(([, op]) => op.operationId);
    expect(unguarded.sort()).toEqual([...PUBLIC_NON_GET].sort());
  });

  it('refuses every secured API operation to nobody (401) and to too small a role (403)', async () => {
    const doc = (await (await req('/api/openapi.json')).json()) as {
      paths: Record<
        string,
        Record<string, { operationId: string; security?: unknown[]; 'x-kinoteka-action'?: string }>
      >;
    };
    let checked = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        if (!op.security) continue;
        const url = path.replace('{slug}', 'some-draft').replace('{id}', '999999');
        const init = (auth?: string): RequestInit => ({
          method: method.toUpperCase(),
          headers: {
            ...(auth ? { authorization: `Bearer ${auth}` } : {}),
            ...(method === 'get' ? {} : { 'content-type': 'application/json' }),
          },
          ...(method === 'get' ? {} : { body: '{}' }),
        });
        const anonymous = await req(url, init());
        expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
        expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
        const least = ACTIONS[op['x-kinoteka-action'] as keyof typeof ACTIONS];
        expect(least, `${op.operationId} names its action`).toBeDefined();
        for (const role of ROLES.slice(0, ROLES.indexOf(least))) {
          const res = await req(url, init(clients[role].token));
          expect(res.status, `${method} ${path} as ${role}`).toBe(403);
        }
        const allowed = await req(url, init(clients[least].token));
        expect([401, 403], `${method} ${path} as ${least}`).not.toContain(allowed.status);
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('refuses a revoked or unknown API token', async () => {
    const res = await req('/api/v1/me', { headers: { authorization: 'Bearer kt_nothing' } });
    expect(res.status).toBe(401);
    const user = (await app.services.accounts.listUsers()).find((u) => u.username === 'curator')!;
    const t = await app.services.accounts.createApiToken(user, 'short-lived');
    expect(
      (await req('/api/v1/me', { headers: { authorization: `Bearer ${t.token}` } })).status,
    ).toBe(200);
    await app.services.accounts.revokeApiToken(user, t.id);
    expect(
      (await req('/api/v1/me', { headers: { authorization: `Bearer ${t.token}` } })).status,
    ).toBe(401);
  });

  it('refuses every workspace page to nobody (401) and to too small a role (403)', async () => {
    const { slug } = await newDraft(clients.curator, 'Page guard draft');
    // Pages that need more than a curator; every other workspace page a curator may open.
    const least: Record<string, Role> = {
      '/workspace/audit': 'admin',
      '/workspace/users': 'admin',
      '/workspace/users/:id/role': 'admin',
      '/workspace/users/:id/disable': 'admin',
      '/workspace/jobs': 'admin',
      '/workspace/jobs/:id/retry': 'admin',
      '/workspace/collections/:slug/publish': 'reviewer',
      '/workspace/collections/:slug/send-back': 'reviewer',
      '/workspace/film-drafts/:id/publish': 'reviewer',
      '/workspace/film-drafts/:id/send-back': 'reviewer',
    };
    const pages = app
      .http()
      .routes.filter((r) => r.method !== 'ALL' && /^\/(workspace|account)(\/|$)/.test(r.path));
    expect(pages.length).toBeGreaterThanOrEqual(8);
    for (const r of pages) {
      const url = r.path.replace(':slug', slug).replace(':id', '999999');
      const init = (c: Client | null): RequestInit =>
        r.method === 'GET'
          ? { headers: c ? { cookie: c.cookie } : {} }
          : formInit(c, { version: '1', title: 'x', name: 'x', film: CRANES });
      const anonymous = await req(url, init(null));
      expect(anonymous.status, `${r.method} ${r.path} anonymous`).toBe(401);
      expect(await anonymous.text()).toContain('Sign in');
      const need = least[r.path] ?? 'curator';
      for (const role of ROLES.slice(0, ROLES.indexOf(need))) {
        const res = await req(url, init(clients[role]));
        expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
      }
      const ok = await req(url, init(clients[need]));
      expect([401, 403], `${r.method} ${r.path} as ${need}`).not.toContain(ok.status);
    }
  });

  it('requires the CSRF token on session writes, and not on bearer-token writes', async () => {
    const c = clients.curator;
    const without = await req('/workspace/collections', formInit(c, { title: 'No token' }, false));
    expect(without.status).toBe(403);
    const wrong = await req('/workspace/collections', {
      ...formInit(c, { title: 'Wrong token' }, false),
      body: form({ title: 'Wrong token', _csrf: 'x'.repeat(43) }),
    });
    expect(wrong.status).toBe(403);
    const jsonWithout = await req('/api/v1/drafts', {
      method: 'POST',
      headers: { cookie: c.cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Cookie JSON' }),
    });
    expect(jsonWithout.status).toBe(403);
    const jsonWith = await req('/api/v1/drafts', {
      method: 'POST',
      headers: { cookie: c.cookie, 'content-type': 'application/json', 'x-csrf-token': c.csrf },
      body: JSON.stringify({ title: 'Cookie JSON' }),
    });
    expect(jsonWith.status).toBe(201);
    const withToken = await req('/workspace/collections', formInit(c, { title: 'With token' }));
    expect(withToken.status).toBe(303);
    const bearer = await req('/api/v1/drafts', {
      method: 'POST',
      headers: { authorization: `Bearer ${c.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Bearer draft' }),
    });
    expect(bearer.status).toBe(201);
  });

  it('refuses a sign-in without the form token or with another form token (login CSRF)', async () => {
    const f = await loginForm();
    expect(f.cookie).toMatch(/^kt_login_csrf=[\w-]{43}$/);
    const bare = await req('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ login: 'curator', password: PASSWORD }),
    });
    expect(bare.status).toBe(403);
    expect(bare.headers.get('set-cookie') ?? '').not.toMatch(/kt_session=[^;]/);
    const other = await loginForm();
    const crossed = await req('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
      body: form({ login: 'curator', password: PASSWORD, _csrf: other.csrf }),
    });
    expect(crossed.status).toBe(403);
    expect(await crossed.text()).toContain('This sign-in form had expired');
    const ok = await req('/sign-in', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: f.cookie },
      body: form({ login: 'curator', password: PASSWORD, _csrf: f.csrf }),
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('set-cookie')).toMatch(/kt_session=[^;]+/);
  });

  it('throttles repeated failed sign-ins (429 with Retry-After, message on the page)', async () => {
    await app.services.accounts.addUserFromCli({
      email: 'target@kinoteka.test',
      username: 'target',
      password: PASSWORD,
      role: 'curator',
    });
    const attempt = (password: string) =>
      postSignIn(`${BASE}/sign-in`, { login: 'target', password });
    for (let i = 0; i < 5; i++) expect((await attempt(`wrong guess ${i}`)).status).toBe(401);
    const refused = await attempt(PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused.text()).toContain('Too many failed sign-ins');
  });

  it('answers a stale save with 409 and shows both versions', async () => {
    const c = clients.curator;
    const { slug, version } = await newDraft(c, 'Two editors');
    const entryId = (await app.services.drafts.get(await me(c), slug)).entries[0]!.id;
    const save = (note: string) =>
      req(
        `/workspace/collections/${slug}`,
        formInit(c, {
          version: String(version),
          title: 'Two editors',
          intro: '',
          [`note-${entryId}`]: note,
          op: 'save',
        }),
      );
    expect((await save('First editor wrote this.')).status).toBe(303);
    const stale = await save('Second editor wrote that.');
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain('First editor wrote this.');
    expect(html).toContain('Second editor wrote that.');
    const kept = await app.services.drafts.get(await me(c), slug);
    expect(kept.entries[0]!.note).toBe('First editor wrote this.');
    expect(kept.version).toBe(version + 1);
  });

  it('attaches a source to a fact (a bad URL refused), checks the fact, and shows it to readers once published', async () => {
    const c = clients.curator;
    const { slug, version } = await newDraft(c, 'Sourced cranes');
    const user = await me(c);
    const entryId = (await app.services.drafts.get(user, slug)).entries[0]!.id;
    const fact = "It won the Palme d'Or at Cannes in 1958.";
    const saved = await req(
      `/workspace/collections/${slug}`,
      formInit(c, {
        version: String(version),
        title: 'Sourced cranes',
        intro: '',
        [`fact-${entryId}`]: fact,
        op: 'save',
      }),
    );
    expect(saved.status).toBe(303);
    const attach = (v: number, url: string) =>
      req(
        `/workspace/collections/${slug}/sources`,
        formInit(c, {
          version: String(v),
          entry: String(entryId),
          url,
          title: 'Festival de Cannes 1958: palmarès',
          publisher: 'Festival de Cannes',
          accessed_on: '2026-12-02',
        }),
      );
    expect((await attach(version + 1, 'javascript:alert(1)')).status).toBe(400);
    expect((await attach(version + 1, 'https://www.festival-cannes.com/en/1958')).status).toBe(303);
    const draft = await app.services.drafts.get(user, slug);
    expect(draft.entries[0]!.fact).toBe(fact);
    expect(draft.entries[0]!.factCheck.counts.supported).toBe(1);
    expect(draft.entries[0]!.sources).toEqual([
      expect.objectContaining({
        url: 'https://www.festival-cannes.com/en/1958',
        publisher: 'Festival de Cannes',
      }),
    ]);
    await app.services.drafts.apply(user, slug, { version: draft.version }, { kind: 'submit' });
    const reviewer = await me(clients.reviewer);
    await app.services.drafts.publish(reviewer, slug, draft.version + 1);
    const page = await (await req(`/collections/${slug}`)).text();
    expect(page).toContain(fact.replace("'", '&#39;'));
    expect(page).toContain('https://www.festival-cannes.com/en/1958');
  });

  async function me(c: Client) {
    return (await app.services.accounts.listUsers()).find((u) => u.username === c.role)!;
  }

  it('keeps drafts from readers until a reviewer publishes, and needs a reason over a contradicted claim', async () => {
    const curator = clients.curator;
    const reviewer = clients.reviewer;
    const { slug, version } = await newDraft(curator, 'Cranes unseen', FALSE_AWARD);
    const hidden = async () => {
      for (const path of [
        `/collections/${slug}`,
        `/collections/${slug}/fact-check`,
        `/api/v1/collections/${slug}`,
        `/api/v1/collections/${slug}/fact-check`,
      ])
        expect((await req(path)).status, path).toBe(404);
      const list = (await (await req('/api/v1/collections')).json()) as {
        data: { slug: string }[];
      };
      expect(list.data.map((c) => c.slug)).not.toContain(slug);
      expect(await (await req('/')).text()).not.toContain('Cranes unseen');
    };
    await hidden();
    const draft = await app.services.drafts.get(await me(curator), slug);
    expect(draft.contradicted).toBeGreaterThan(0);

    const submitted = await req(
      `/workspace/collections/${slug}`,
      formInit(curator, {
        version: String(version),
        title: 'Cranes unseen',
        intro: 'An intro.',
        op: 'submit',
      }),
    );
    expect(submitted.status).toBe(303);
    await hidden();

    const publish = (fields: Record<string, string>) =>
      req(
        `/workspace/collections/${slug}/publish`,
        formInit(reviewer, { version: String(version + 1), ...fields }),
      );
    const refused = await publish({});
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('contradicted');
    await hidden();
    const reason = 'The curator quotes the claim in order to correct it in the intro.';
    expect((await publish({ override_reason: reason })).status).toBe(303);

    expect((await req(`/collections/${slug}`)).status).toBe(200);
    expect((await req(`/api/v1/collections/${slug}`)).status).toBe(200);
    const published = await app.services.drafts.get(await me(reviewer), slug);
    expect(published.status).toBe('published');
    expect(published.overrideReason).toBe(reason);

    const audit = await req('/api/v1/audit?limit=100', {
      headers: { authorization: `Bearer ${clients.admin.token}` },
    });
    const entries = (
      (await audit.json()) as {
        data: { action: string; subject: string; actor: string; detail: Record<string, unknown> }[];
      }
    ).data;
    const mine = entries.filter((e) => e.subject === `collection:${slug}`);
    expect(mine.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'collection.create',
        'collection.edit',
        'collection.submit',
        'collection.publish',
      ]),
    );
    expect(mine.find((e) => e.action === 'collection.publish')).toMatchObject({
      actor: 'reviewer',
      detail: { override: reason },
    });
    const auditPage = await req('/workspace/audit', { headers: { cookie: clients.admin.cookie } });
    expect(auditPage.status).toBe(200);
    expect(await auditPage.text()).toContain(`collection:${slug}`);
  });
});

describe.each(DIALECTS)('the one-time setup link (%s)', (dialect) => {
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp(dialect, { load: false });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('creates the first admin once, then is refused', async () => {
    const setup = await app.services.accounts.createSetupToken();
    expect(setup).not.toBeNull();
    const page = await app.http().request(`${BASE}/setup?token=${setup!.token}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Create the first admin');
    const post = (token: string, username: string) =>
      app.http().request(`${BASE}/setup`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          token,
          email: `${username}@kinoteka.test`,
          username,
          password: PASSWORD,
        }).toString(),
      });
    expect((await post('not-a-token', 'mallory')).status).toBe(403);
    const made = await post(setup!.token, 'first');
    expect(made.status).toBe(303);
    expect((await app.services.accounts.listUsers()).map((u) => [u.username, u.role])).toEqual([
      ['first', 'admin'],
    ]);
    expect((await post(setup!.token, 'second')).status).toBe(403);
    expect((await app.http().request(`${BASE}/setup?token=${setup!.token}`)).status).toBe(403);
    expect(await app.services.accounts.createSetupToken()).toBeNull();
  });
});
