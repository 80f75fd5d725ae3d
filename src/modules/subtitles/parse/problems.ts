import { SubtitleError } from '../cue.ts';
import type { SubtitleProblem } from '../cue.ts';

/**
 * Collects repairs and notes (aggregated per code, so a file with 900 comma timestamps yields
 * one entry with a count) and hard errors (reported all together as one SubtitleError).
 */
export class ProblemLog {
  readonly problems: SubtitleProblem[] = [];
  private readonly byCode = new Map<string, SubtitleProblem>();
  private readonly errors: { line: number; code: string; message: string }[] = [];

  constructor(readonly file: string) {}

  note(line: number, code: string, message: string, repaired = true): void {
    const seen = this.byCode.get(code);
    if (seen) {
      seen.count++;
      return;
    }
    const p: SubtitleProblem = { line, code, message, repaired, count: 1 };
    this.byCode.set(code, p);
    this.problems.push(p);
  }

  error(line: number, code: string, message: string): void {
    this.errors.push({ line, code, message });
  }

  /** Throws if any hard error was recorded; the first one names the reason. */
  throwIfErrors(): void {
    const [first, ...rest] = this.errors;
    if (!first) return;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    throw new SubtitleError(first.code, first.message + more, this.file, first.line, rest);
  }

  fail(line: number, code: string, message: string): never {
    throw new SubtitleError(code, message, this.file, line);
  }
}
