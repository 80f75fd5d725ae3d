/** `content check` over a folder on disk: malformed source URLs in knowledge files. */
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type KnowledgeRepository, KnowledgeService } from '../facts/index.ts';
import { type ContentRepository } from './content.repository.ts';
import { ContentService } from './content.service.ts';

const CONTENT = path.resolve(import.meta.dirname, '../../../content');
let dir: string;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kinoteka-content-'));
  await fs.cp(CONTENT, dir, { recursive: true });
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

// check() reads files only: neither repository is touched.
const service = () =>
  new ContentService(
    undefined as unknown as ContentRepository,
    () => {},
    new KnowledgeService(undefined as unknown as KnowledgeRepository, async () => ''),
  );

describe('content check: source URLs', () => {
  it('passes the default content', async () => {
    expect((await service().check(dir)).problems).toEqual([]);
  });

  it('reports a doubled host in a knowledge file at the statement that cites it', async () => {
    const file = path.join(dir, 'knowledge', 'mother-1926.yaml');
    const text = await fs.readFile(file, 'utf8');
    await fs.writeFile(
      file,
      text.replace('http://www.silentera.com/', 'http://advanceq.comwww.silentera.com/'),
    );
    const { problems } = await service().check(dir);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(p.where).toMatch(/^knowledge\/mother-1926\.yaml:\d+$/);
      expect(p.message).toMatch(/two host names run together \(http:\/\/advanceq\.comwww\./);
    }
  });
});
