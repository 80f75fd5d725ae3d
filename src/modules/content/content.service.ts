import path from 'node:path';
import { type Problem, ValidationError } from '../../lib/errors.ts';
import type { KnowledgeService } from '../facts/index.ts';
import { planContent } from './content.ts';
import { readContentDir } from './content.files.ts';
import type { ContentRepository, SyncProgress, SyncReport } from './content.repository.ts';

export interface CheckReport {
  films: number;
  collections: number;
  problems: Problem[];
}

export class ContentService {
  constructor(
    private readonly repo: ContentRepository,
    private readonly onChange: () => Promise<void> | void = () => {},
    /** When given, `knowledge/` in the content folder is checked and loaded too. */
    private readonly knowledge?: KnowledgeService,
  ) {}

  version(): Promise<string> {
    return this.repo.version();
  }

  /** Validates the content folder without touching the database. */
  async check(dir: string): Promise<CheckReport> {
    const read = await readContentDir(dir);
    const planned = planContent(read);
    const knowledgeProblems = await this.readKnowledge(dir).then(
      () => [],
      (e: unknown) => problemsOf(e),
    );
    return {
      films: read.films.length,
      collections: read.collections.length,
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
    const planned = planContent(read);
    let knowledge: Awaited<ReturnType<ContentService['readKnowledge']>>;
    let knowledgeProblems: Problem[] = [];
    try {
      knowledge = await this.readKnowledge(dir);
    } catch (e) {
      knowledgeProblems = problemsOf(e);
    }
    const problems = [...read.problems, ...planned.problems, ...knowledgeProblems];
    if (problems.length > 0 || !planned.plan) {
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
    return report;
  }
}

function problemsOf(e: unknown): Problem[] {
  if (e instanceof ValidationError) return [...e.problems];
  throw e;
}
