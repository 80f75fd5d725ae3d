import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { KnowledgeBase } from './kb.ts';
import { loadKnowledgeDir } from './knowledge-dir.ts';
import {
  loadWikidata,
  loadWikidataFile,
  WikidataFormatError,
  type WikidataProgress,
} from './wikidata.ts';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/wikidata/', import.meta.url));
const KNOWLEDGE = fileURLToPath(new URL('../../../../content/knowledge/', import.meta.url));
const CRANES = 'Q900001';

describe('loadWikidataFile', () => {
  it('maps a dump file to films and sourced statements', async () => {
    const result = await loadWikidataFile(join(FIXTURES, 'films.json'));
    expect(result.stats).toMatchObject({ entities: 26, films: 4, missingLabels: 0 });
    const cranes = result.films.find((f) => f.key === CRANES);
    expect(cranes).toMatchObject({
      year: 1957,
      directors: ['Mikhail Kalatozov'],
      wikidata: CRANES,
    });
    expect(cranes?.titles).toEqual(
      expect.arrayContaining([
        { text: 'The Cranes Are Flying', kind: 'english', language: 'en' },
        { text: 'Летят журавли', kind: 'original', language: 'ru' },
        { text: 'Letyat zhuravli', kind: 'alternative', language: 'en' },
      ]),
    );
    const of = (property: string) =>
      result.statements
        .filter((s) => s.subject === CRANES && s.property === property)
        .map((s) => s.value);
    expect(of('director')).toEqual([{ name: 'Mikhail Kalatozov', wikidata: 'Q900002' }]);
    expect(of('writer')).toEqual([{ name: 'Viktor Rozov', wikidata: 'Q900003' }]);
    expect(of('cast')).toEqual([
      { person: { name: 'Tatiana Samoilova', wikidata: 'Q900005' }, character: 'Veronika' },
      { person: { name: 'Aleksey Batalov', wikidata: 'Q900007' }, character: 'Boris Borozdin' },
      { person: { name: 'Vasili Merkuryev', wikidata: 'Q900014' }, character: 'Fyodor Ivanovich' },
    ]);
    // The deprecated 1956 date is ignored; of two dates the earliest is the release year.
    expect(of('releaseYear')).toEqual([{ year: 1957, date: '1957-10-12' }]);
    expect(of('country')).toEqual([{ name: 'Soviet Union', wikidata: 'Q15180' }]);
    expect(of('studio')).toEqual([{ name: 'Mosfilm', wikidata: 'Q900009' }]);
    expect(of('runtime')).toEqual([{ minutes: 97 }]);
    expect(of('basedOn')).toEqual([
      { work: 'Alive Forever', wikidata: 'Q900004', author: 'Viktor Rozov', form: 'play' },
    ]);
    expect(of('award')).toEqual([
      {
        event: 'Cannes Film Festival',
        award: "Palme d'Or",
        result: 'won',
        edition: 11,
        year: 1958,
      },
      { event: 'BAFTA Film Awards', award: 'Best Film', result: 'nominated', year: 1959 },
    ]);
    const palme = result.statements.find((s) => s.subject === CRANES && s.property === 'award');
    expect(palme?.sources).toEqual([
      { url: 'https://en.wikipedia.org/wiki/The_Cranes_Are_Flying', title: 'English Wikipedia' },
    ]);
    const unreferenced = result.statements.find(
      (s) => s.subject === CRANES && s.property === 'studio',
    );
    expect(unreferenced?.sources[0]?.url).toBe(`https://www.wikidata.org/wiki/${CRANES}`);
  });

  it('tells remakes from source works, and reads series with their ordinal', async () => {
    const result = await loadWikidataFile(join(FIXTURES, 'films.json'));
    const values = (subject: string, property: string) =>
      result.statements
        .filter((s) => s.subject === subject && s.property === property)
        .map((s) => s.value);
    expect(values('Q900020', 'remakeOf')).toEqual([
      {
        title: 'The Forty-First',
        year: 1927,
        directors: ['Yakov Protazanov'],
        medium: 'film',
        wikidata: 'Q900022',
      },
    ]);
    expect(values('Q900022', 'remadeAs')).toEqual([
      {
        title: 'The Forty-First',
        year: 1956,
        directors: ['Grigori Chukhrai'],
        medium: 'film',
        wikidata: 'Q900020',
      },
    ]);
    // The author of the 1927 film's source story is only found on a third reading of the file.
    expect(values('Q900022', 'basedOn')).toEqual([
      {
        work: 'The Forty-First',
        wikidata: 'Q900026',
        author: 'Boris Lavrenyov',
        form: 'short story',
      },
    ]);
    expect(values('Q900030', 'seriesPart')).toEqual([
      { series: 'Maxim Gorky trilogy', wikidata: 'Q900031', ordinal: 1 },
    ]);
    expect(values('Q900030', 'runtime')).toEqual([{ minutes: 98 }]);
  });

  it('reads JSON lines and gzip the same way, and keeps only the items asked for', async () => {
    const dump = await loadWikidataFile(join(FIXTURES, 'films.json'));
    const lines = await loadWikidataFile(join(FIXTURES, 'films.jsonl'));
    expect(lines.statements).toEqual(
      dump.statements.map((s) => ({
        ...s,
        origin: s.origin
          ?.replace('films.json:', 'films.jsonl:')
          .replace(/:(\d+)$/, (_, n: string) => `:${Number(n) - 1}`),
      })),
    );
    const dir = await mkdtemp(join(tmpdir(), 'kinoteka-wd-'));
    const gz = join(dir, 'films.json.gz');
    await writeFile(gz, gzipSync(await readFile(join(FIXTURES, 'films.json'))));
    const only = await loadWikidataFile(gz, { only: ['Q900020'] });
    expect(only.films.map((f) => f.key)).toEqual(['Q900020']);
    expect(new Set(only.statements.map((s) => s.subject))).toEqual(new Set(['Q900020']));
    expect(only.statements.find((s) => s.property === 'remakeOf')?.value).toMatchObject({
      directors: ['Yakov Protazanov'],
    });
  });

  it('reports progress as bytes read of the total, pass by pass', async () => {
    const seen: WikidataProgress[] = [];
    await loadWikidataFile(join(FIXTURES, 'films.json'), { onProgress: (p) => seen.push(p) });
    const size = (await readFile(join(FIXTURES, 'films.json'))).length;
    expect(seen.at(-1)).toEqual({ pass: 3, bytesRead: size, totalBytes: size });
    expect(seen.map((p) => p.pass)).toEqual([1, 2, 3]);
  });

  it('names the line of malformed input and returns nothing', async () => {
    await expect(loadWikidataFile(join(FIXTURES, 'truncated.json'))).rejects.toThrow(
      /truncated\.json:5: not valid JSON/,
    );
    await expect(loadWikidataFile(join(FIXTURES, 'no-mainsnak.json'))).rejects.toThrow(
      /no-mainsnak\.json:2: Q900001: a P57 claim has no mainsnak/,
    );
    await expect(
      loadWikidataFile(join(FIXTURES, 'films.json'), { only: ['Q1'] }),
    ).rejects.toBeInstanceOf(WikidataFormatError);
  });

  it('fails on a corrupt gzip file instead of loading part of it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kinoteka-wd-'));
    const gz = join(dir, 'cut.json.gz');
    const whole = gzipSync(await readFile(join(FIXTURES, 'films.json')));
    await writeFile(gz, whole.subarray(0, Math.floor(whole.length / 2)));
    await expect(loadWikidataFile(gz)).rejects.toThrow(/cut\.json\.gz:\d+: cannot read the file/);
  });

  it('accepts any re-openable stream', async () => {
    const text = await readFile(join(FIXTURES, 'films.jsonl'), 'utf8');
    const result = await loadWikidata(() => Readable.from([text]), {
      only: [CRANES],
      fileName: 'stdin',
    });
    expect(result.films.map((f) => f.key)).toEqual([CRANES]);
  });
});

describe('Wikidata films in the knowledge base', () => {
  it('merge into the catalogue film with the same original title and year', async () => {
    const kb = new KnowledgeBase(await loadKnowledgeDir(KNOWLEDGE));
    const before = kb.statements('the-cranes-are-flying-1957').length;
    const summary = kb.add(
      await loadWikidataFile(join(FIXTURES, 'films.json'), { only: [CRANES] }),
    );
    expect(summary.linked).toEqual([{ from: CRANES, to: 'the-cranes-are-flying-1957' }]);
    expect(kb.film(CRANES)).toBeUndefined();
    const after = kb.statements('the-cranes-are-flying-1957');
    expect(after.length).toBeGreaterThan(before);
    // Same fact from both: one statement, both sources.
    const director = kb.statements('the-cranes-are-flying-1957', 'director');
    expect(director).toHaveLength(1);
    expect(director[0]?.sources.map((s) => s.url)).toEqual([
      'https://en.wikipedia.org/wiki/The_Cranes_Are_Flying',
    ]);
    const palme = kb
      .statements('the-cranes-are-flying-1957', 'award')
      .filter((s) => s.value.award === "Palme d'Or");
    expect(palme).toHaveLength(1);
    expect(palme[0]?.sources.map((s) => s.url)).toEqual([
      'https://en.wikipedia.org/wiki/The_Cranes_Are_Flying',
      'https://fresques.ina.fr/festival-de-cannes-fr/fiche-media/Cannes00049/palmares-du-festival-1958.html',
    ]);
    expect(kb.film('the-cranes-are-flying-1957')?.wikidata).toBe(CRANES);
  });
});
