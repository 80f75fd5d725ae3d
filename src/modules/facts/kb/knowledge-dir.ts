/**
 * Reads a knowledge folder (content/knowledge): `events.yaml` and one `<film-slug>.yaml` per film.
 * All files are checked before anything is returned, so one bad file loads nothing and the error
 * lists every problem in every file.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { KnowledgeData } from './kb.ts';
import { mergeBatches, parseEventsFile, parseFilmKnowledge } from './knowledge-file.ts';
import { KnowledgeFileError, type FileIssue } from './yaml-file.ts';

export const EVENTS_FILE = 'events.yaml';

/** Parses one knowledge file by its name: `events.yaml` holds editions, any other a film. */
export function parseKnowledgeFile(source: string, file: string): KnowledgeData {
  return file.endsWith(EVENTS_FILE)
    ? parseEventsFile(source, file)
    : parseFilmKnowledge(source, file);
}

export async function loadKnowledgeDir(
  dir: string,
  displayBase = process.cwd(),
): Promise<KnowledgeData> {
  const names = (await readdir(dir)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const batches: KnowledgeData[] = [];
  const issues: FileIssue[] = [];
  for (const name of names) {
    const path = join(dir, name);
    const shown = relative(displayBase, path) || path;
    try {
      batches.push(parseKnowledgeFile(await readFile(path, 'utf8'), shown));
    } catch (err) {
      if (err instanceof KnowledgeFileError) issues.push(...err.issues);
      else throw err;
    }
  }
  if (issues.length > 0) throw new KnowledgeFileError(issues);
  return mergeBatches(batches);
}
