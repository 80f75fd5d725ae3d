/**
 * Reads the content folder: YAML files parsed with line tracking, so every problem can be
 * reported as `file:line: message`. This is the module's only file-system access.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { LineCounter, isNode, parseDocument, type Document } from 'yaml';
import type { Problem } from '../../lib/errors.ts';

export interface YamlFile {
  /** Path relative to the content folder, with forward slashes. */
  file: string;
  doc: Document.Parsed;
  lines: LineCounter;
}

export interface ReadResult {
  films: YamlFile[];
  collections: YamlFile[];
  /** `people/<slug>.yaml`: what is known about a credited person (optional files). */
  people: YamlFile[];
  problems: Problem[];
}

const FOLDERS = { films: 'films', collections: 'collections', people: 'people' } as const;

export async function readContentDir(dir: string): Promise<ReadResult> {
  const out: ReadResult = { films: [], collections: [], people: [], problems: [] };
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new Error('not a directory');
  } catch {
    out.problems.push({ where: dir, message: 'content folder not found' });
    return out;
  }
  for (const kind of ['films', 'collections', 'people'] as const) {
    const folder = path.join(dir, FOLDERS[kind]);
    let names: string[];
    try {
      names = (await fs.readdir(folder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const rel = `${FOLDERS[kind]}/${name}`;
      if (name.startsWith('.')) continue;
      if (!/\.ya?ml$/.test(name)) {
        out.problems.push({ where: rel, message: 'unexpected file: content files end in .yaml' });
        continue;
      }
      const bytes = await fs.readFile(path.join(folder, name));
      const parsed = parseYaml(rel, bytes);
      if ('problems' in parsed) out.problems.push(...parsed.problems);
      else out[kind].push(parsed);
    }
  }
  return out;
}

/** Parses one YAML file; wrong encodings and syntax errors come back as problems with lines. */
export function parseYaml(file: string, bytes: Uint8Array): YamlFile | { problems: Problem[] } {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const line = firstInvalidUtf8Line(bytes);
    return {
      problems: [{ where: `${file}:${line}`, message: 'is not valid UTF-8 (save the file as UTF-8)' }],
    };
  }
  const lines = new LineCounter();
  const doc = parseDocument(text.replace(/^\uFEFF/, ''), { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      problems: doc.errors.map((e) => ({
        where: `${file}:${lines.linePos(e.pos[0]).line}`,
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
      })),
    };
  }
  return { file, doc, lines };
}

/** The line of the node at `path`, or of its nearest existing ancestor. */
export function lineOf(f: YamlFile, p: readonly PropertyKey[]): number {
  for (let n = p.length; n >= 0; n--) {
    const node = f.doc.getIn(p.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return f.lines.linePos(node.range[0]).line;
  }
  return 1;
}

/** Where in the file the key at `path` is written (the key line, not the value line). */
export function keyLineOf(f: YamlFile, p: readonly PropertyKey[]): number {
  if (p.length === 0) return 1;
  const parent = f.doc.getIn(p.slice(0, -1) as (string | number)[], true);
  const last = p[p.length - 1];
  if (parent && typeof parent === 'object' && 'items' in parent && Array.isArray(parent.items)) {
    for (const item of parent.items as unknown[]) {
      if (item && typeof item === 'object' && 'key' in item) {
        const key = (item as { key: unknown }).key;
        if (isNode(key) && 'value' in key && key.value === last && key.range) {
          return f.lines.linePos(key.range[0]).line;
        }
      }
    }
  }
  return lineOf(f, p);
}

function firstInvalidUtf8Line(bytes: Uint8Array): number {
  let line = 1;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line;
}
