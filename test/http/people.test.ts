/**
 * The person endpoint and page over HTTP (the whole application on SQLite): birth, death and
 * other names from the person's file and each credit's sources leave the server with their
 * kinds, the OpenAPI document describes them, and the page footnotes them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, createTestApp } from '../helpers/app.ts';

let app: TestApp;
const get = (p: string) => app.http().request(`http://kinoteka.test${p}`);

beforeAll(async () => {
  app = await createTestApp('sqlite');
});
afterAll(async () => {
  await app?.close();
});

describe('a person over HTTP', () => {
  it('GET /api/v1/people/{slug}: born, died, other names, per-credit sources, each with its kind', async () => {
    const res = await get('/api/v1/people/vsevolod-pudovkin');
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as {
      data: {
        born: {
          date: string;
          place: string;
          note: string;
          sources: { url: string; kind: string }[];
        };
        died: { date: string; place: string | null };
        other_names: {
          text: string;
          language: string;
          script: string;
          sources: { kind: string }[];
        }[];
        films: { film: { slug: string }; role: string; sources: { url: string; kind: string }[] }[];
      };
    };
    expect(data.born).toMatchObject({ date: '1893-02-28', place: 'Penza, Russian Empire' });
    expect(data.born.sources).toContainEqual({
      url: 'https://en.wikipedia.org/wiki/Vsevolod_Pudovkin',
      title: 'Vsevolod Pudovkin — English Wikipedia',
      publisher: 'Wikipedia',
      accessed_on: '2026-12-02',
      kind: 'encyclopedia',
    });
    expect(data.died).toMatchObject({ date: '1953-06-30', place: null });
    const ru = data.other_names.find((n) => n.language === 'ru')!;
    expect(ru).toMatchObject({ text: 'Всеволод Илларионович Пудовкин', script: 'Cyrl' });
    // A copy of a Wikipedia article is marked as such.
    expect(ru.sources.map((s) => s.kind)).toContain('mirror');
    const mother = data.films.find((f) => f.film.slug === 'mother-1926')!;
    expect(mother.role).toBe('director');
    expect(mother.sources.map((s) => s.url)).toEqual([
      'http://piglix.com/piglix/Mother_(1926_film)',
    ]);
    expect(mother.sources[0]!.kind).toBe('mirror');
  });

  it('a person without a file: null dates, no other names, credits still sourced', async () => {
    const { data } = (await (await get('/api/v1/people/tatyana-samoilova')).json()) as {
      data: {
        born: unknown;
        died: unknown;
        other_names: unknown[];
        films: { sources: unknown[] }[];
      };
    };
    expect([data.born, data.died, data.other_names]).toEqual([null, null, []]);
    expect(data.films[0]!.sources.length).toBe(1);
  });

  it('describes the new fields in the OpenAPI document', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties: Record<string, unknown> }> };
    };
    expect(Object.keys(doc.components.schemas.Person!.properties)).toEqual(
      expect.arrayContaining(['born', 'died', 'other_names']),
    );
    expect(Object.keys(doc.components.schemas.PersonLifeEvent!.properties)).toEqual([
      'date',
      'place',
      'note',
      'sources',
    ]);
  });

  it('the page: dates in <time>, each fact footnoted to the numbered Sources list', async () => {
    const html = await (await get('/people/vsevolod-pudovkin')).text();
    expect(html).toContain('<time datetime="1893-02-28">28 February 1893</time>');
    expect(html).toContain('<span lang="ru">Всеволод Илларионович Пудовкин</span>');
    const cited = [...html.matchAll(/href="#source-(\d+)"/g)].map((m) => Number(m[1]));
    const listed = [...html.matchAll(/<li id="source-(\d+)"/g)].map((m) => Number(m[1]));
    expect(cited.length).toBeGreaterThan(5);
    expect(new Set(cited)).toEqual(new Set(listed));
  });
});
