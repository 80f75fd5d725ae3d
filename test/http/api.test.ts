/** The JSON API in-process (app.request), on SQLite and PostgreSQL. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

describe.each(DIALECTS)('API on %s', (dialect) => {
  let app: TestApp;
  const get = async (path: string, init?: RequestInit) => {
    const res = await app.http().request(path, init);
    return { res, body: res.status === 304 ? null : ((await res.json()) as any) };
  };

  beforeAll(async () => {
    app = await createTestApp(dialect);
  });
  afterAll(async () => {
    await app?.close();
  });

  it('lists collections', async () => {
    const { res, body } = await get('/api/v1/collections');
    expect(res.status).toBe(200);
    expect(body.data).toEqual([
      expect.objectContaining({
        slug: 'mothers-in-soviet-cinema',
        url: '/collections/mothers-in-soviet-cinema',
        film_count: 10,
      }),
    ]);
  });

  it('returns one collection with ordered entries and corrections', async () => {
    const { body } = await get('/api/v1/collections/mothers-in-soviet-cinema');
    expect(body.data.entries).toHaveLength(10);
    expect(body.data.entries.map((e: any) => e.position)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const slot9 = body.data.entries[8];
    expect(slot9.film.slug).toBe('mother-1990');
    expect(slot9.listed_as).toBe('The Mother (1975)');
    expect(slot9.corrections[0].sources[0].url).toMatch(/^https?:/);
    // Presenters pick fields: no database ids leak.
    expect(JSON.stringify(body)).not.toMatch(/"(id|film_id|content_hash)":/);
  });

  it('pages and filters films', async () => {
    const { body } = await get('/api/v1/films?per_page=4&page=2');
    expect(body.meta).toEqual({ page: 2, per_page: 4, total: 10, pages: 3 });
    expect(body.data).toHaveLength(4);
    const fifties = await get('/api/v1/films?decade=1950&access=subtitles');
    expect(fifties.body.data.map((f: any) => f.slug)).toContain('the-cranes-are-flying-1957');
    expect(fifties.body.data.every((f: any) => f.year >= 1950 && f.year < 1960)).toBe(true);
    expect(fifties.body.data.every((f: any) => f.english_access.includes('subtitles'))).toBe(true);
    const range = await get('/api/v1/films?year_from=1926&year_to=1938');
    expect(range.body.data.map((f: any) => f.slug)).toEqual([
      'mother-1926',
      'the-childhood-of-maxim-gorky-1938',
    ]);
    const byDirector = await get('/api/v1/films?director=larisa-shepitko');
    expect(byDirector.body.data.map((f: any) => f.slug)).toEqual(['the-ascent-1977']);
  });

  it('rejects bad query parameters with every problem listed', async () => {
    const { res, body } = await get('/api/v1/films?decade=1955&per_page=1000&access=telepathy');
    expect(res.status).toBe(400);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.problems.map((p: any) => p.where).sort()).toEqual([
      'query.access',
      'query.decade',
      'query.per_page',
    ]);
    const unknown = await get('/api/v1/films?colour=red');
    expect(unknown.res.status).toBe(400);
  });

  it('returns one film with everything a viewer needs', async () => {
    const { body } = await get('/api/v1/films/the-ascent-1977');
    const f = body.data;
    expect(f.title).toBe('The Ascent');
    expect(f.original_title).toBe('Восхождение');
    expect(f.directors[0]).toMatchObject({ slug: 'larisa-shepitko', name: 'Larisa Shepitko' });
    expect(f.facts.length).toBeGreaterThan(0);
    expect(f.access.offers.length).toBeGreaterThan(0);
    expect(f.access.offers.every((o: any) => o.source.url && o.checked_on)).toBe(true);
    expect(f.collections).toEqual([
      {
        slug: 'mothers-in-soviet-cinema',
        title: 'Mothers in Soviet Cinema',
        position: 10,
        url: '/collections/mothers-in-soviet-cinema',
      },
    ]);
  });

  it('answers unknown slugs and paths with the one error shape', async () => {
    for (const path of [
      '/api/v1/films/the-mother-1975',
      '/api/v1/people/nobody',
      '/api/v1/collections/x',
      '/api/v1/nothing',
    ]) {
      const { res, body } = await get(path);
      expect(res.status).toBe(404);
      expect(body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
    }
  });

  it('lists people and returns one person', async () => {
    const list = await get('/api/v1/people?per_page=100');
    expect(list.body.meta.total).toBeGreaterThan(20);
    const p = await get('/api/v1/people/gleb-panfilov');
    expect(p.body.data).toMatchObject({
      name: 'Gleb Panfilov',
      name_original: 'Глеб Панфилов',
      roles: ['director'],
    });
  });

  it('serves ETags and answers 304 to a matching If-None-Match', async () => {
    const first = await get('/api/v1/films/mother-1926');
    const etag = first.res.headers.get('etag');
    expect(etag).toMatch(/^".+"$/);
    const again = await app
      .http()
      .request('/api/v1/films/mother-1926', { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('checks a claim, and validates the request body', async () => {
    const post = (body: unknown) =>
      app.http().request('/api/v1/claims/check', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const ok = await post({
      film: 'the-ascent-1977',
      text: 'The Ascent won the Golden Prize at the 10th Moscow International Film Festival.',
    });
    expect(ok.status).toBe(200);
    const claim = ((await ok.json()) as any).data.claims[0];
    expect(claim.verdict).toBe('contradicted');
    expect(claim.evidence[0].edition.winners).toEqual(['The Fifth Seal', 'El puente', 'Mimino']);
    expect(claim.evidence[0].sources[0].url).toMatch(/^https?:/);
    const bad = await post({ film: 'The Ascent', text: '' });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as any).error.problems.map((p: any) => p.where).sort()).toEqual([
      'body.film',
      'body.text',
    ]);
    expect((await post('not json')).status).toBe(400);
    expect((await post({ film: 'no-such-film-1900', text: 'It won.' })).status).toBe(404);
  });

  it('imports a list as a draft and serves its fact check', async () => {
    // Importing writes a draft: a curator's API token is needed (test/http/auth.test.ts).
    const curator = await app.services.accounts.addUserFromCli({
      email: 'importer@kinoteka.test',
      username: 'importer',
      password: 'a long enough password',
      role: 'curator',
    });
    const { token } = await app.services.accounts.createApiToken(curator, 'import');
    const res = await app.http().request('/api/v1/imports', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        filename: 'mothers.md',
        text: '# Two films\n\n## The Ascent (1977)\n\nFact: It won the Golden Bear at the 1977 Berlin International Film Festival.\n\n## The Mother (1975)\n\nFact: A film.\n',
      }),
    });
    expect(res.status).toBe(201);
    const data = ((await res.json()) as any).data;
    expect(data.counts).toEqual({ resolved: 1, ambiguous: 0, unresolved: 1 });
    expect(data.entries.map((e: any) => e.status)).toEqual(['resolved', 'unresolved']);
    const checkRes = await app
      .http()
      .request(`/api/v1/collections/${data.collection.slug}/fact-check`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const check = { body: (await checkRes.json()) as any };
    expect(check.body.data.status).toBe('draft');
    // A reader sees no fact check of a draft.
    expect((await get(`/api/v1/collections/${data.collection.slug}/fact-check`)).res.status).toBe(
      404,
    );
    expect(check.body.data.entries[0].fact.claims[0].verdict).toBe('supported');
    expect(check.body.data.counts.supported).toBeGreaterThan(0);
    // The draft is not published.
    expect((await get(`/api/v1/collections/${data.collection.slug}`)).res.status).toBe(404);
  });

  it('publishes an OpenAPI 3.1 document generated from the schemas', async () => {
    const { body } = await get('/api/openapi.json');
    expect(body.openapi).toBe('3.1.0');
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/v1/audit',
      '/api/v1/claims/check',
      '/api/v1/collections',
      '/api/v1/collections/{slug}',
      '/api/v1/collections/{slug}/fact-check',
      '/api/v1/drafts',
      '/api/v1/drafts/{slug}',
      '/api/v1/drafts/{slug}/diff',
      '/api/v1/drafts/{slug}/publish',
      '/api/v1/drafts/{slug}/reopen',
      '/api/v1/drafts/{slug}/restore',
      '/api/v1/drafts/{slug}/review',
      '/api/v1/drafts/{slug}/revisions',
      '/api/v1/drafts/{slug}/revisions/{id}',
      '/api/v1/drafts/{slug}/send-back',
      '/api/v1/drafts/{slug}/submit',
      '/api/v1/film-drafts',
      '/api/v1/film-drafts/{id}',
      '/api/v1/film-drafts/{id}/publish',
      '/api/v1/film-drafts/{id}/send-back',
      '/api/v1/film-drafts/{id}/submit',
      '/api/v1/films',
      '/api/v1/films/{slug}',
      '/api/v1/films/{slug}/playback',
      '/api/v1/imports',
      '/api/v1/me',
      '/api/v1/people',
      '/api/v1/people/{slug}',
      '/api/v1/search',
      '/api/v1/tokens',
      '/api/v1/tokens/{id}/revoke',
    ]);
    expect(body.paths['/api/v1/imports'].post.responses['201']).toBeDefined();
    expect(
      body.paths['/api/v1/claims/check'].post.requestBody.content['application/json'].schema
        .properties.text,
    ).toBeDefined();
    const params = body.paths['/api/v1/films'].get.parameters.map((p: any) => p.name);
    expect(params).toEqual(
      expect.arrayContaining([
        'decade',
        'year_from',
        'year_to',
        'director',
        'access',
        'page',
        'per_page',
      ]),
    );
    expect(body.components.schemas.Film.properties.access).toBeDefined();
    expect(
      body.paths['/api/v1/films/{slug}'].get.responses['404'].content['application/json'].schema,
    ).toEqual({
      $ref: '#/components/schemas/Error',
    });
    // Every $ref points at a component that exists.
    const refs = JSON.stringify(body).match(/#\/components\/schemas\/\w+/g) ?? [];
    for (const ref of refs) expect(body.components.schemas[ref.split('/').pop()!]).toBeDefined();
  });
});
