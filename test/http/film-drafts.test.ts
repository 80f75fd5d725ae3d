/**
 * Film corrections over HTTP, on SQLite and PostgreSQL: a curator opens a draft of a film,
 * a malformed credits line is refused with its line number, a correction without a source
 * cannot be submitted, a reviewer sends it back with a comment the curator sees, then
 * publishes it: the film page and the API show the new alternative title, credit and offer;
 * and a draft whose film changed under it is refused, not merged.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, DIALECTS } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

const BASE = 'http://kinoteka.test';
const PASSWORD = 'correct horse battery';
const CRANES = 'the-cranes-are-flying-1957';
const SOURCE = 'https://www.kinopoisk.ru/film/44598/';

interface Client {
  cookie: string;
  csrf: string;
}

describe.each(DIALECTS)('film corrections over HTTP (%s)', (dialect) => {
  let app: TestApp;
  let curator: Client;
  let reviewer: Client;

  const req = (path: string, init: RequestInit = {}) => app.http().request(`${BASE}${path}`, init);
  const post = (c: Client, path: string, fields: Record<string, string>) =>
    req(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: c.cookie },
      body: new URLSearchParams({ ...fields, _csrf: c.csrf }).toString(),
    });
  const get = (c: Client, path: string) => req(path, { headers: { cookie: c.cookie } });

  async function client(role: 'curator' | 'reviewer'): Promise<Client> {
    await app.services.accounts.addUserFromCli({
      email: `${role}@kinoteka.test`,
      username: role,
      password: PASSWORD,
      role,
    });
    const s = await app.services.accounts.signIn({
      login: role,
      password: PASSWORD,
      address: '127.0.0.1',
    });
    const cookie = `kt_session=${s.sessionToken}`;
    const page = await (await req('/account', { headers: { cookie } })).text();
    return { cookie, csrf: /name="_csrf" value="([^"]+)"/.exec(page)![1]! };
  }

  /** The draft's form as the page shows it, with some fields replaced. */
  async function formOf(id: number, changes: Record<string, string>) {
    const html = await (await get(curator, `/workspace/film-drafts/${id}`)).text();
    const value = (name: string) =>
      new RegExp(`<input id="${name}" name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
    const area = (name: string) =>
      new RegExp(`<textarea id="${name}" name="${name}"[^>]*>([^<]*)</textarea>`).exec(html)?.[1] ??
      '';
    const decode = (s: string) =>
      s
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&amp;/g, '&');
    const fields: Record<string, string> = {
      version: /name="version" value="(\d+)"/.exec(html)![1]!,
    };
    for (const f of ['original', 'original_language', 'transliteration', 'english'])
      fields[f] = decode(value(f));
    for (const f of ['alternatives', 'credits', 'offers', 'note']) fields[f] = decode(area(f));
    return { ...fields, ...changes };
  }

  /** The URLs a credit of the film cites, by the credited person's name. */
  const creditSources = async (name: string) =>
    (
      await app.testDb.kysely
        .selectFrom('credits as c')
        .innerJoin('people as p', 'p.id', 'c.person_id')
        .innerJoin('films as f', 'f.id', 'c.film_id')
        .innerJoin('credit_sources as cs', 'cs.credit_id', 'c.id')
        .innerJoin('sources as s', 's.id', 'cs.source_id')
        .select('s.url')
        .where('f.slug', '=', CRANES)
        .where('p.name', '=', name)
        .orderBy('cs.position')
        .execute()
    ).map((r) => r.url);

  beforeAll(async () => {
    app = await createTestApp(dialect);
    curator = await client('curator');
    reviewer = await client('reviewer');
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('takes a correction of titles, credits and access through review to the film page', async () => {
    const start = await post(curator, '/workspace/films/start', { film: CRANES });
    expect(start.status).toBe(303);
    const id = Number(start.headers.get('location')!.split('/').pop());
    // Opening it again returns the same open draft.
    const again = await post(curator, '/workspace/films/start', { film: CRANES });
    expect(again.headers.get('location')).toBe(`/workspace/film-drafts/${id}`);

    const before = await formOf(id, {});
    expect(before.original).toBe('Летят журавли');
    expect(before.credits).toContain('director | Mikhail Kalatozov');

    const bad = await post(
      curator,
      `/workspace/film-drafts/${id}`,
      await formOf(id, { credits: `${before.credits}\nfilmed by | Sergei Urusevsky` }),
    );
    expect(bad.status).toBe(409);
    expect(await bad.text()).toMatch(
      /credits line \d+: the role must be one of director, writer, cast/,
    );

    const fields = await formOf(id, {
      alternatives: `${before.alternatives}\nЖуравли | ru`.trim(),
      credits: `${before.credits}\ncast | Valentin Zubkov | Stepan`,
      offers: `${before.offers}\nsubtitles | stream | Mosfilm channel | https://www.youtube.com/watch?v=example | worldwide`,
      note: 'Zubkov plays Stepan, missing from the credits.',
    });
    expect((await post(curator, `/workspace/film-drafts/${id}`, fields)).status).toBe(303);
    const noSource = await post(curator, `/workspace/film-drafts/${id}/submit`, {
      version: String(Number(fields.version) + 1),
    });
    expect(noSource.status).toBe(409);
    expect(await noSource.text()).toContain('cite the source the correction rests on');

    const sourced = await formOf(id, {
      source_url: SOURCE,
      source_title: 'Летят журавли (1957) — Кинопоиск',
      source_publisher: 'Kinopoisk',
      source_accessed_on: '2026-12-02',
    });
    expect((await post(curator, `/workspace/film-drafts/${id}`, sourced)).status).toBe(303);
    let version = Number(sourced.version) + 1;
    expect(
      (await post(curator, `/workspace/film-drafts/${id}/submit`, { version: String(version) }))
        .status,
    ).toBe(303);
    version++;
    // A curator cannot decide; the reviewer sends it back with a comment.
    expect(
      (await post(curator, `/workspace/film-drafts/${id}/publish`, { version: String(version) }))
        .status,
    ).toBe(403);
    expect(
      (
        await post(reviewer, `/workspace/film-drafts/${id}/send-back`, {
          version: String(version),
          comment: 'Give the offer its region.',
        })
      ).status,
    ).toBe(303);
    version++;
    const page = await (await get(curator, `/workspace/film-drafts/${id}`)).text();
    expect(page).toContain('Give the offer its region.');
    expect(page).toContain('<ins>cast | Valentin Zubkov | Stepan</ins>');
    await post(curator, `/workspace/film-drafts/${id}/submit`, { version: String(version) });
    version++;
    const kalatozov = await creditSources('Mikhail Kalatozov');
    expect(kalatozov.length).toBeGreaterThan(0);
    expect(
      (await post(reviewer, `/workspace/film-drafts/${id}/publish`, { version: String(version) }))
        .status,
    ).toBe(303);
    // An unchanged credit keeps its own sources; the new one cites the correction's source.
    expect(await creditSources('Mikhail Kalatozov')).toEqual(kalatozov);
    expect(await creditSources('Valentin Zubkov')).toEqual([SOURCE]);

    const film = (await (await req(`/api/v1/films/${CRANES}`)).json()) as { data: any };
    const text = JSON.stringify(film.data);
    expect(text).toContain('Журавли');
    expect(text).toContain('Valentin Zubkov');
    expect(text).toContain('Mosfilm channel');
    const html = await (await req(`/films/${CRANES}`)).text();
    expect(html).toContain('Valentin Zubkov');
    const audit = await app.services.accounts.listAudit({ limit: 30 });
    expect(audit.map((a) => a.action)).toContain('film_draft.publish');
  });

  it('reports a changed film file that contradicts a browser correction, and keeps the correction', async () => {
    // The film was corrected in the first test; its unchanged file loads without a word.
    await app.services.content.load(CONTENT_DIR);
    expect(
      JSON.stringify((await (await req(`/api/v1/films/${CRANES}`)).json()) as object),
    ).toContain('Valentin Zubkov');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-film-guard-'));
    try {
      fs.cpSync(CONTENT_DIR, dir, { recursive: true });
      const file = path.join(dir, 'films', `${CRANES}.yaml`);
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace('  minutes: 95', '  minutes: 97'),
      );
      await expect(app.services.content.load(dir)).rejects.toThrow(
        /conflict with corrections made in the browser/,
      );
      const film = JSON.stringify((await (await req(`/api/v1/films/${CRANES}`)).json()) as object);
      expect(film).toContain('Valentin Zubkov');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes a film correction through the API with the same rules', async () => {
    const call = async (c: Client, path: string, body: unknown) => {
      const res = await req(`/api/v1${path}`, {
        method: 'POST',
        headers: { cookie: c.cookie, 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: res.status, json: (await res.json()) as { data: any; error?: any } };
    };
    const started = await call(curator, '/film-drafts', { film: 'ballad-of-a-soldier-1959' });
    expect(started.status).toBe(201);
    const d = started.json.data;
    const lines = (xs: string[]) => xs.join('\n');
    const form = {
      version: d.version,
      original: d.base.original,
      original_language: d.base.original_language,
      transliteration: d.base.transliteration,
      english: d.base.english,
      alternatives: lines(d.base.alternatives.map((a: any) => `${a.text} | ${a.language}`)),
      credits: lines(
        d.base.credits.map((c: any) => [c.role, c.name, c.character].filter(Boolean).join(' | ')),
      ),
      offers: '',
      source_url: 'https://example.org/ballad',
      source_title: 'Ballad of a Soldier, disc notes',
      source_accessed_on: '2026-12-02',
    };
    const bad = await call(curator, `/film-drafts/${d.id}`, { ...form, credits: 'actor | X' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('credits line 1');
    const saved = await call(curator, `/film-drafts/${d.id}`, {
      ...form,
      alternatives: `${form.alternatives}\nBallada o soldate | ru-Latn`.trim(),
    });
    expect(saved.status).toBe(200);
    expect(saved.json.data.changes).toContain('Alternative titles');
    const sub = await call(curator, `/film-drafts/${d.id}/submit`, {
      version: saved.json.data.version,
    });
    expect(sub.status).toBe(200);
    expect(
      (await call(curator, `/film-drafts/${d.id}/publish`, { version: sub.json.data.version }))
        .status,
    ).toBe(403);
    const pub = await call(reviewer, `/film-drafts/${d.id}/publish`, {
      version: sub.json.data.version,
    });
    expect(pub.status).toBe(200);
    expect(pub.json.data.status).toBe('published');
    const film = JSON.stringify(await (await req('/api/v1/films/ballad-of-a-soldier-1959')).json());
    expect(film).toContain('Ballada o soldate');
  });

  it('refuses to publish a draft whose film changed under it', async () => {
    const start = await post(curator, '/workspace/films/start', { film: 'mother-1926' });
    const id = Number(start.headers.get('location')!.split('/').pop());
    const fields = await formOf(id, {
      alternatives: 'Mat | ru-Latn',
      source_url: 'https://example.org/mother',
      source_title: 'Mother (1926)',
      source_accessed_on: '2026-12-02',
    });
    await post(curator, `/workspace/film-drafts/${id}`, fields);
    let version = Number(fields.version) + 1;
    await post(curator, `/workspace/film-drafts/${id}/submit`, { version: String(version) });
    version++;
    // Meanwhile the film changes (as a content load would change it).
    const other = await post(curator, '/workspace/films/start', { film: 'mother-1926' });
    expect(other.headers.get('location')).toBe(`/workspace/film-drafts/${id}`);
    await app.testDb.kysely
      .updateTable('titles')
      .set({ text: 'Mother (restored)' })
      .where('kind', '=', 'english')
      .where('film_id', '=', (eb) =>
        eb.selectFrom('films').select('id').where('slug', '=', 'mother-1926'),
      )
      .execute();
    const refused = await post(reviewer, `/workspace/film-drafts/${id}/publish`, {
      version: String(version),
    });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('The film changed since this draft began');
    const film = (await (await req('/api/v1/films/mother-1926')).json()) as { data: any };
    expect(JSON.stringify(film.data)).not.toContain('Mat"');
  });
});
