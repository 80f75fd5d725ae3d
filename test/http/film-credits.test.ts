/**
 * A film's credits over HTTP (the whole application on SQLite): each director, writer and cast
 * credit leaves the API with the sources its film file gives it (as the person API's
 * films[].sources), and the film page footnotes each credit into its one numbered Sources list.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CONTENT_DIR } from '../helpers/db.ts';
import { type TestApp, createTestApp } from '../helpers/app.ts';

let app: TestApp;
const get = (p: string) => app.http().request(`http://kinoteka.test${p}`);

interface FileCredit {
  name?: string;
  person?: { name: string };
  character?: string;
  sources?: string[];
}
interface FilmFile {
  directors: FileCredit[];
  writers?: FileCredit[];
  cast?: FileCredit[];
  sources: Record<string, { url: string }>;
}
interface CreditDto {
  person: { slug: string; name: string };
  role: string;
  character: string | null;
  sources: { url: string; title: string; kind: string }[];
}

/** What the film file says: for each credit (name, role, character), the URLs of its sources. */
async function fileCredits(slug: string) {
  const file = parse(
    await readFile(join(CONTENT_DIR, 'films', `${slug}.yaml`), 'utf8'),
  ) as FilmFile;
  const urls = (c: FileCredit) => (c.sources ?? []).map((k) => file.sources[k]!.url);
  return [
    ...file.directors.map((c) => ({
      name: c.name!,
      role: 'director',
      character: null,
      urls: urls(c),
    })),
    ...(file.writers ?? []).map((c) => ({
      name: c.name!,
      role: 'writer',
      character: null,
      urls: urls(c),
    })),
    ...(file.cast ?? []).map((c) => ({
      name: c.person!.name,
      role: 'cast',
      character: c.character ?? null,
      urls: urls(c),
    })),
  ];
}

async function filmCredits(slug: string): Promise<CreditDto[]> {
  const res = await get(`/api/v1/films/${slug}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { credits: CreditDto[] } }).data.credits;
}

beforeAll(async () => {
  app = await createTestApp('sqlite');
});
afterAll(async () => {
  await app?.close();
});

describe("a film's credits over HTTP", () => {
  for (const slug of ['mother-1926', 'the-cranes-are-flying-1957', 'the-ascent-1977']) {
    it(`GET /api/v1/films/${slug}: every credit carries the sources its file gives, with kinds`, async () => {
      const expected = await fileCredits(slug);
      const credits = await filmCredits(slug);
      expect(
        credits.map((c) => ({
          name: c.person.name,
          role: c.role,
          character: c.character,
          urls: c.sources.map((s) => s.url),
        })),
      ).toEqual(expected);
      expect(credits.some((c) => c.sources.length > 0)).toBe(true);
      for (const s of credits.flatMap((c) => c.sources)) {
        expect(s.kind).toMatch(/^[a-z]+$/);
        expect(s.title.length).toBeGreaterThan(0);
      }
    });
  }

  it('the same credits and sources on PostgreSQL', async () => {
    const pg = await createTestApp('postgres');
    try {
      const res = await pg.http().request('http://kinoteka.test/api/v1/films/mother-1926');
      const { data } = (await res.json()) as { data: { credits: CreditDto[] } };
      expect(data.credits).toEqual(await filmCredits('mother-1926'));
    } finally {
      await pg.close();
    }
  });

  it("a credit's sources are the same on the film and on the person", async () => {
    const credits = await filmCredits('mother-1926');
    for (const c of credits) {
      const res = await get(`/api/v1/people/${c.person.slug}`);
      const { data } = (await res.json()) as {
        data: {
          films: {
            film: { slug: string };
            role: string;
            character: string | null;
            sources: unknown[];
          }[];
        };
      };
      const there = data.films.find(
        (x) => x.film.slug === 'mother-1926' && x.role === c.role && x.character === c.character,
      );
      expect(there?.sources).toEqual(c.sources);
    }
  });

  it('the OpenAPI document describes the credit sources as Source objects', async () => {
    const doc = (await (await get('/api/openapi.json')).json()) as {
      components: {
        schemas: Record<string, { properties: Record<string, any>; required?: string[] }>;
      };
    };
    const credit = doc.components.schemas.Film!.properties.credits.items;
    expect(credit.required).toContain('sources');
    expect(credit.properties.sources.items.$ref).toBe('#/components/schemas/Source');
  });

  it('the page footnotes each credit into the one numbered Sources list, kinds named', async () => {
    const html = await (await get('/films/mother-1926')).text();
    const listed = new Map(
      [...html.matchAll(/<li id="source-(\d+)" value="\d+"><a href="([^"]+)"/g)].map((m) => [
        m[2]!.replaceAll('&amp;', '&'),
        Number(m[1]),
      ]),
    );
    // Each source listed once, numbered 1..n.
    expect([...listed.values()].sort((a, b) => a - b)).toEqual(
      [...listed.values()].map((_, i) => i + 1),
    );
    const credits = html.slice(
      html.indexOf('id="credits-heading"'),
      html.indexOf('id="sources-heading"'),
    );
    for (const c of await filmCredits('mother-1926')) {
      // The footnotes come right after the person (director, writer) or the character (cast).
      const after =
        c.role === 'cast'
          ? `${escapeHtml(c.character!)}<span class="cites">`
          : `>${escapeHtml(c.person.name)}</a><span class="cites">`;
      const at = credits.indexOf(after);
      expect(at, `${c.person.name}'s footnotes`).toBeGreaterThan(-1);
      const cites = credits.slice(at + after.length, credits.indexOf('</span>', at));
      const numbers = [...cites.matchAll(/href="#source-(\d+)"/g)].map((m) => Number(m[1]));
      expect(numbers).toEqual(c.sources.map((s) => listed.get(s.url)));
      // Each footnote names the kind of its source, as the facts' do.
      expect(cites).toMatch(/aria-label="Source \d+ \([^)]+\): /);
    }
    // The credits share the numbering with the synopsis: the director's source is the synopsis's.
    const synopsis = html.slice(
      html.indexOf('id="synopsis-heading"'),
      html.indexOf('id="facts-heading"'),
    );
    const piglix = listed.get('http://piglix.com/piglix/Mother_(1926_film)')!;
    expect(synopsis).toContain(`href="#source-${piglix}"`);
    expect(credits).toContain(`href="#source-${piglix}"`);
    // Every number cited is listed, and the other way round.
    const cited = new Set([...html.matchAll(/href="#source-(\d+)"/g)].map((m) => Number(m[1])));
    expect(cited).toEqual(new Set(listed.values()));
  });
});

function escapeHtml(s: string): string {
  return s
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
