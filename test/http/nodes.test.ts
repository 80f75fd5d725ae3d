/**
 * Several app nodes on one PostgreSQL schema: two real `kinoteka serve` processes (different
 * ports) and a content load by a third process. Each node's response cache, list counts and
 * search index follow the catalogue version; the version poll is set to an hour here, so only
 * LISTEN/NOTIFY can tell a node of the change before the test's deadline.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_DIR, PG_URL, type TestDb, createTestDb } from '../helpers/db.ts';

const BIN = path.resolve(import.meta.dirname, '../../bin/kinoteka.mjs');
const NEW_SLUG = 'the-forty-second-1957';

interface Node {
  child: ChildProcess;
  url: string;
  log: () => string;
}

describe('two nodes on one PostgreSQL schema', () => {
  let db: TestDb;
  let dir: string;
  let content: string;
  const nodes: Node[] = [];
  const env = () => ({
    ...process.env,
    KINOTEKA_DATABASE_URL: PG_URL,
    KINOTEKA_DATABASE_SCHEMA: db.target.kind === 'postgres' ? db.target.schema : '',
    KINOTEKA_CONTENT_DIR: content,
    KINOTEKA_HOST: '127.0.0.1',
    KINOTEKA_PORT: '0',
    KINOTEKA_LOAD_CONTENT_ON_START: 'false',
    KINOTEKA_VERSION_POLL_MS: String(3_600_000),
    KINOTEKA_LOG_LEVEL: 'info',
    KINOTEKA_LOG_FORMAT: 'json',
  });

  function start(): Promise<Node> {
    const child = spawn(process.execPath, [BIN, 'serve'], { env: env() });
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    return new Promise((resolve, reject) => {
      const check = () => {
        const m = /running at (http:\/\/\S+?)\/? /.exec(err);
        if (m && /listening \(LISTEN\/NOTIFY\)/.test(err)) {
          child.stderr!.off('data', check);
          resolve({ child, url: m[1]!, log: () => err });
        }
      };
      child.stderr!.on('data', check);
      child.once('exit', (code) => reject(new Error(`serve exited ${code}:\n${err}`)));
    });
  }

  /** `kinoteka content load` in a third process (without blocking this one's sockets). */
  async function load(): Promise<void> {
    const child = spawn(process.execPath, [BIN, 'content', 'load'], { env: env() });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    const code = await new Promise((r) => child.once('exit', r));
    expect(code, err).toBe(0);
  }
  beforeAll(async () => {
    db = await createTestDb('postgres');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kinoteka-nodes-'));
    content = path.join(dir, 'content');
    fs.cpSync(CONTENT_DIR, content, { recursive: true });
    await load();
    nodes.push(await start(), await start());
  }, 60_000);

  afterAll(async () => {
    for (const n of nodes) {
      if (n.child.exitCode === null) {
        n.child.kill('SIGTERM');
        await new Promise((r) => n.child.once('exit', r));
      }
    }
    await db?.cleanup();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const json = async (url: string) => {
    const res = await fetch(url);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  /** Asks until `ok` holds, for at most `ms`; returns whether it came to hold. */
  async function eventually(ok: () => Promise<boolean>, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      if (await ok()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return ok();
  }

  it('a content load shows on both nodes: the film, the list, the search', async () => {
    const [a, b] = nodes as [Node, Node];
    expect(a.url).not.toBe(b.url);
    for (const n of nodes) {
      // Fill each node's caches: the list (count), the film's 404, the search index.
      expect(((await json(`${n.url}/api/v1/films`)).body.meta as { total: number }).total).toBe(10);
      expect((await fetch(`${n.url}/api/v1/films/${NEW_SLUG}`)).status).toBe(404);
      const s = await json(`${n.url}/api/v1/search?q=${encodeURIComponent('Сорок второй')}`);
      expect(JSON.stringify(s.body)).not.toContain(NEW_SLUG);
    }

    const src = fs.readFileSync(path.join(content, 'films/the-forty-first-1956.yaml'), 'utf8');
    fs.writeFileSync(
      path.join(content, `films/${NEW_SLUG}.yaml`),
      src
        .replace('slug: the-forty-first-1956', `slug: ${NEW_SLUG}`)
        .replace('year: 1956', 'year: 1957')
        .replace('english: The Forty-First', 'english: The Forty-Second')
        .replace('text: Сорок первый', 'text: Сорок второй')
        .replace('transliteration: Sorok pervyy', 'transliteration: Sorok vtoroy')
        .replace('text: The 41st', 'text: The 42nd'),
    );
    await load();

    for (const n of nodes) {
      const seen = await eventually(async () => {
        const film = await fetch(`${n.url}/api/v1/films/${NEW_SLUG}`);
        const list = await json(`${n.url}/api/v1/films`);
        const search = await json(`${n.url}/api/v1/search?q=${encodeURIComponent('Сорок второй')}`);
        return (
          film.status === 200 &&
          (list.body.meta as { total: number }).total === 11 &&
          JSON.stringify(search.body).includes(NEW_SLUG)
        );
      }, 5000);
      expect(seen, `node ${n.url} did not see the load:\n${n.log()}`).toBe(true);
      // Romanized too, on every node.
      const latin = await json(`${n.url}/api/v1/search?q=Sorok+vtoroy`);
      expect(JSON.stringify(latin.body)).toContain(NEW_SLUG);
    }
  }, 60_000);

  it('logs each request as one JSON line with method, path, status and ms', async () => {
    const n = nodes[0]!;
    await fetch(`${n.url}/healthz`);
    await new Promise((r) => setTimeout(r, 100));
    const lines = n
      .log()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const health = lines.find((l) => l.path === '/healthz');
    expect(health).toMatchObject({ level: 30, method: 'GET', path: '/healthz', status: 200 });
    expect(typeof health?.ms).toBe('number');
  });
});
