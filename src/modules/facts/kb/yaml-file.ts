/**
 * Reads a YAML text against a zod schema and reports every problem as `file:line: message`, the
 * way compilers do, so a curator can jump straight to the line. Line numbers come from yaml's
 * LineCounter and the node ranges of the parsed document.
 */
import { ValidationError } from '../../../lib/errors.ts';
import { LineCounter, parseDocument, isNode, type Document } from 'yaml';
import type { z } from 'zod';

export interface FileIssue {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** A file that cannot be loaded; nothing from it was loaded. */
export class KnowledgeFileError extends ValidationError {
  readonly issues: readonly FileIssue[];
  constructor(issues: readonly FileIssue[]) {
    super(
      issues.map((i) => `${i.file}:${i.line}: ${i.message}`).join('\n'),
      issues.map((i) => ({ where: `${i.file}:${i.line}`, message: i.message })),
    );
    this.name = 'KnowledgeFileError';
    this.issues = issues;
  }
}

export interface LocatedYaml<T> {
  data: T;
  /** The 1-based line of the node at `path`, or of its nearest existing parent. */
  lineOf(path: readonly PropertyKey[]): number;
}

function describePath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? String(p) : `.${String(p)}`))
    .join('');
}

export function parseYamlFile<S extends z.ZodType>(
  text: string,
  file: string,
  schema: S,
): LocatedYaml<z.output<S>> {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new KnowledgeFileError(
      doc.errors.map((e) => {
        const pos = e.linePos?.[0] ?? counter.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: e.message.split('\n')[0] ?? e.code,
        };
      }),
    );
  }
  const lineOf = makeLineOf(doc, counter);
  const parsed = schema.safeParse(doc.toJS());
  if (!parsed.success) {
    throw new KnowledgeFileError(
      parsed.error.issues.map((issue) => {
        let path: PropertyKey[] = [...issue.path];
        let message = issue.message;
        if (issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined) {
          path = [...path, issue.keys[0]];
          message = `unknown field "${issue.keys.join('", "')}"`;
        }
        const where = describePath(path);
        return {
          file,
          line: lineOf(path),
          column: 1,
          message: where ? `${where}: ${message}` : message,
        };
      }),
    );
  }
  return { data: parsed.data, lineOf };
}

function makeLineOf(doc: Document, counter: LineCounter) {
  return (path: readonly PropertyKey[]): number => {
    for (let n = path.length; n >= 0; n--) {
      const node: unknown = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
      if (isNode(node) && node.range) return counter.linePos(node.range[0]).line;
    }
    return 1;
  };
}
