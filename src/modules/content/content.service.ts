import path from 'node:path';
import { type Problem, ValidationError } from '../../lib/errors.ts';
import { type KnowledgeData, type KnowledgeService, urlProblem } from '../facts/index.ts';
import { planContent } from './content.ts';
import { readContentDir } from './content.files.ts';
import type { ContentRepository, SyncProgress, SyncReport } from './content.repository.ts';

export interface CheckReport {
  films: number;
  collections: number;
  /** Person files (`people/<slug>.yaml`) read, each validated against the films' credits. */
  people: number;
  problems: Problem[];
}

/**
 * What the last load of the content folder left behind: `ok`; `stale` when the folder has
 * problems and the database still serves what an earlier load put there; `not-loaded` before
 * any load in this process.
 */
export interface ContentStatus {
  state: 'ok' | 'stale' | 'not-loaded';
  /** The folder that was loaded (as it was passed). */
  dir?: string;
  problems: Problem[];
  /** When the last load was tried (ISO 8601). */
  at?: string;
}

/** The result of `loadOrKeep`: the report of a load, or the problems that kept the old content. */
export type KeepResult =
  | { loaded: true; report: SyncReport }
  | { loaded: false; error: ValidationError; films: number };

export class ContentService {
  private last: ContentStatus = { state: 'not-loaded', problems: [] };

  constructor(
    private readonly repo: ContentRepository,
    private readonly onChange: () => Promise<void> | void = () => {},
    /** When given, `knowledge/` in the content folder is checked and loaded too. */
    private readonly knowledge?: KnowledgeService,
  ) {}

  status(): ContentStatus {
    return { ...this.last, problems: [...this.last.problems] };
  }

  version(): Promise<string> {
    return this.repo.version();
  }

  /** Validates the content folder without touching the database. */
  async check(dir: string): Promise<CheckReport> {
    const read = await readContentDir(dir);
    const planned = planContent({ ...read, dir });
    const knowledgeProblems = await this.readKnowledge(dir).then(
      (data) => (data ? knowledgeUrlProblems(data) : []),
      (e: unknown) => problemsOf(e),
    );
    return {
      films: read.films.length,
      collections: read.collections.length,
      people: read.people.length,
      problems: [...read.problems, ...planned.problems, ...knowledgeProblems],
    };
  }

  private readKnowledge(dir: string) {
    return this.knowledge
      ? this.knowledge.readDir(path.join(dir, 'knowledge'), dir)
      : Promise.resolve(undefined);
  }

  /**
   * Loads the content folder into the database: all or nothing. Any problem in any file stops
   * the load before a single row is written, and the database keeps what it had.
   */
  async load(dir: string, progress?: SyncProgress): Promise<SyncReport> {
    const read = await readContentDir(dir);
    const planned = planContent({ ...read, dir });
    let knowledge: Awaited<ReturnType<ContentService['readKnowledge']>>;
    let knowledgeProblems: Problem[] = [];
    try {
      knowledge = await this.readKnowledge(dir);
    } catch (e) {
      knowledgeProblems = problemsOf(e);
    }
    const problems = [...read.problems, ...planned.problems, ...knowledgeProblems];
    const at = new Date().toISOString();
    if (problems.length > 0 || !planned.plan) {
      this.last = { state: 'stale', dir, problems, at };
      throw new ValidationError(
        `The content in ${dir} has ${problems.length} problem(s); nothing was loaded.`,
        problems,
      );
    }
    const report = await this.repo.sync(planned.plan, progress);
    if (knowledge && this.knowledge) {
      report.knowledgeChanged = await this.knowledge.replaceContentKnowledge(knowledge);
      report.changed ||= report.knowledgeChanged;
    }
    if (report.changed) await this.onChange();
    this.last = { state: 'ok', dir, problems: [], at };
    return report;
  }

  /**
   * `load`, for start-up over a database that may already hold content: when the folder has
   * problems and the database has films, nothing is written, the old content stays served, and
   * `status()` says which files are broken. With an empty database the problems are thrown, as
   * there is nothing to serve.
   */
  async loadOrKeep(dir: string, progress?: SyncProgress): Promise<KeepResult> {
    try {
      return { loaded: true, report: await this.load(dir, progress) };
    } catch (e) {
      if (!(e instanceof ValidationError)) throw e;
      const films = await this.repo.filmCount();
      if (films === 0) throw e;
      return { loaded: false, error: e, films };
    }
  }
}

/** Malformed source URLs in the knowledge files, at the statement that cites them. */
function knowledgeUrlProblems(data: KnowledgeData): Problem[] {
  const problems: Problem[] = [];
  for (const st of data.statements) {
    for (const src of st.sources) {
      const problem = urlProblem(src.url);
      if (problem)
        problems.push({ where: st.origin ?? 'knowledge', message: `${problem} (${src.url})` });
    }
  }
  return problems;
}

function problemsOf(e: unknown): Problem[] {
  if (e instanceof ValidationError) return [...e.problems];
  throw e;
}
