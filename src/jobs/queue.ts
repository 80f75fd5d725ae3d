/**
 * The durable job queue, stored in the `jobs` table so that work survives a restart and, on
 * PostgreSQL, is shared by several app nodes.
 *
 * Claiming: on PostgreSQL one `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)`
 * (two nodes never lock the same row; the second skips it and takes the next). On SQLite there
 * is one writer at a time, so the same UPDATE, run as one statement, is already atomic: the
 * database lock is held from the SELECT to the write, and no second claimer can see the row
 * still queued. A claimed job carries a lease (`locked_until`); a node that dies leaves it
 * `running` past its lease, and `requeueStale` (called by every worker as it polls) puts it back.
 */
import { sql } from 'kysely';
import type { Db } from '../db/index.ts';

export type JobState = 'queued' | 'running' | 'done' | 'failed';

export interface Job<P = unknown> {
  id: number;
  kind: string;
  payload: P;
  state: JobState;
  progress: number;
  error: string | null;
  attempts: number;
  maxAttempts: number;
  lockedBy: string | null;
  lockedUntil: string | null;
  runAfter: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface EnqueueOptions {
  /**
   * While a job of this kind and key waits in the queue, another is not added. A running one
   * does not count: what changed after it started needs a fresh run.
   */
  dedupeKey?: string;
  maxAttempts?: number;
  runAfter?: Date;
}

type Row = {
  id: number;
  kind: string;
  payload: string;
  state: string;
  progress: number;
  error: string | null;
  attempts: number;
  max_attempts: number;
  locked_by: string | null;
  locked_until: string | null;
  run_after: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
};

function toJob(r: Row): Job {
  return {
    id: r.id,
    kind: r.kind,
    payload: JSON.parse(r.payload) as unknown,
    state: r.state as JobState,
    progress: Number(r.progress),
    error: r.error,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    lockedBy: r.locked_by,
    lockedUntil: r.locked_until,
    runAfter: r.run_after,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export class JobQueue {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private stamp(offsetMs = 0): string {
    return new Date(this.now().getTime() + offsetMs).toISOString();
  }

  async enqueue(kind: string, payload: unknown, opts: EnqueueOptions = {}): Promise<Job> {
    const k = this.db.kysely;
    if (opts.dedupeKey !== undefined) {
      const existing = await k
        .selectFrom('jobs')
        .selectAll()
        .where('kind', '=', kind)
        .where('dedupe_key', '=', opts.dedupeKey)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      if (existing) return toJob(existing);
    }
    const at = this.stamp();
    const row = await k
      .insertInto('jobs')
      .values({
        kind,
        payload: JSON.stringify(payload ?? null),
        dedupe_key: opts.dedupeKey ?? null,
        state: 'queued',
        progress: 0,
        attempts: 0,
        max_attempts: opts.maxAttempts ?? 3,
        run_after: opts.runAfter ? opts.runAfter.toISOString() : at,
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row);
  }

  /** Takes the oldest runnable job of these kinds for `worker`, leased for `leaseMs`. */
  async claim(worker: string, kinds: readonly string[], leaseMs: number): Promise<Job | undefined> {
    if (kinds.length === 0) return undefined;
    const k = this.db.kysely;
    const at = this.stamp();
    let pick = k
      .selectFrom('jobs')
      .select('id')
      .where('state', '=', 'queued')
      .where('run_after', '<=', at)
      .where('kind', 'in', [...kinds])
      .orderBy('run_after')
      .orderBy('id')
      .limit(1);
    if (this.db.dialect === 'postgres') pick = pick.forUpdate().skipLocked();
    const row = await k
      .updateTable('jobs')
      .set({
        state: 'running',
        locked_by: worker,
        locked_until: this.stamp(leaseMs),
        attempts: sql`attempts + 1`,
        started_at: at,
        progress: 0,
      })
      .where('id', '=', pick)
      // the guard makes a lost race on any dialect a no-op rather than a double claim
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Records progress (0..1) and extends the lease; false if the job is no longer this worker's. */
  async heartbeat(id: number, worker: string, progress: number, leaseMs: number): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('jobs')
      .set({ progress: Math.max(0, Math.min(1, progress)), locked_until: this.stamp(leaseMs) })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where('locked_by', '=', worker)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async complete(id: number, worker: string): Promise<void> {
    await this.db.kysely
      .updateTable('jobs')
      .set({
        state: 'done',
        progress: 1,
        error: null,
        locked_by: null,
        locked_until: null,
        finished_at: this.stamp(),
      })
      .where('id', '=', id)
      .where('locked_by', '=', worker)
      .execute();
  }

  /**
   * Records a failure: queued again after a back-off while attempts remain, otherwise `failed`
   * with the message kept for the operator.
   */
  async fail(id: number, worker: string, message: string, retryDelayMs = 30_000): Promise<void> {
    const k = this.db.kysely;
    const job = await k.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    if (!job || job.locked_by !== worker) return;
    const retry = job.attempts < job.max_attempts;
    await k
      .updateTable('jobs')
      .set({
        state: retry ? 'queued' : 'failed',
        error: message,
        locked_by: null,
        locked_until: null,
        run_after: retry ? this.stamp(retryDelayMs * job.attempts) : job.run_after,
        finished_at: retry ? null : this.stamp(),
      })
      .where('id', '=', id)
      .execute();
  }

  /**
   * Running jobs whose lease has run out (their node died or hung) go back to the queue, or to
   * `failed` once their attempts are spent. Returns how many were touched.
   */
  async requeueStale(): Promise<number> {
    const k = this.db.kysely;
    const at = this.stamp();
    const requeued = await k
      .updateTable('jobs')
      .set({
        state: 'queued',
        locked_by: null,
        locked_until: null,
        error: 'lease expired: the worker stopped',
      })
      .where('state', '=', 'running')
      .where('locked_until', '<', at)
      .where('attempts', '<', sql<number>`max_attempts`)
      .executeTakeFirst();
    const failed = await k
      .updateTable('jobs')
      .set({
        state: 'failed',
        locked_by: null,
        locked_until: null,
        finished_at: at,
        error: 'lease expired on the last attempt: the worker stopped',
      })
      .where('state', '=', 'running')
      .where('locked_until', '<', at)
      .executeTakeFirst();
    return Number(requeued.numUpdatedRows) + Number(failed.numUpdatedRows);
  }

  async get(id: number): Promise<Job | undefined> {
    const r = await this.db.kysely
      .selectFrom('jobs')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return r ? toJob(r) : undefined;
  }

  async list(filter: { state?: JobState; kind?: string; limit?: number } = {}): Promise<Job[]> {
    let q = this.db.kysely.selectFrom('jobs').selectAll();
    if (filter.state) q = q.where('state', '=', filter.state);
    if (filter.kind) q = q.where('kind', '=', filter.kind);
    const rows = await q
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 100)
      .execute();
    return rows.map(toJob);
  }

  async counts(): Promise<Record<JobState, number>> {
    const rows = await this.db.kysely
      .selectFrom('jobs')
      .select(['state', (e) => e.fn.countAll<number>().as('n')])
      .groupBy('state')
      .execute();
    const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
    for (const r of rows) out[r.state as JobState] = Number(r.n);
    return out;
  }

  /** Puts a failed job back in the queue with fresh attempts (the operator's "retry"). */
  async retry(id: number): Promise<boolean> {
    const r = await this.db.kysely
      .updateTable('jobs')
      .set({
        state: 'queued',
        attempts: 0,
        error: null,
        run_after: this.stamp(),
        finished_at: null,
      })
      .where('id', '=', id)
      .where('state', '=', 'failed')
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }
}
