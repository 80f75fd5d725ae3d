/**
 * Runs queued jobs with a concurrency limit. `start()` polls in the background (the app node's
 * worker); `drain()` runs until nothing is claimable (the CLI and tests). A job's lease is
 * extended while it runs, so only a dead node's jobs expire.
 */
import os from 'node:os';
import type { Job, JobQueue } from './queue.ts';

export interface JobContext {
  /** Reports progress (0..1) and extends the lease. */
  progress(fraction: number): Promise<void>;
  /** Queues follow-up work. */
  enqueue: JobQueue['enqueue'];
}

export type JobHandler = (job: Job, ctx: JobContext) => Promise<void>;

export interface WorkerOptions {
  /** Names this worker in `locked_by`; defaults to host:pid:random. */
  id?: string;
  concurrency?: number;
  leaseMs?: number;
  pollMs?: number;
  onError?: (job: Job, error: Error) => void;
}

export class Worker {
  readonly id: string;
  private readonly concurrency: number;
  private readonly leaseMs: number;
  private readonly pollMs: number;
  private readonly running = new Set<Promise<void>>();
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  /** How many jobs this worker finished (done or failed), for reports and tests. */
  ran = 0;

  constructor(
    private readonly queue: JobQueue,
    private readonly handlers: Readonly<Record<string, JobHandler>>,
    private readonly opts: WorkerOptions = {},
  ) {
    this.id =
      opts.id ?? `${os.hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
    this.concurrency = Math.max(1, opts.concurrency ?? 2);
    this.leaseMs = opts.leaseMs ?? 5 * 60_000;
    this.pollMs = opts.pollMs ?? 1000;
  }

  private async runOne(job: Job): Promise<void> {
    const handler = this.handlers[job.kind];
    // Keep the lease alive while the handler works, however long it is silent.
    const keep = setInterval(
      () => {
        void this.queue.heartbeat(job.id, this.id, job.progress, this.leaseMs).catch(() => {});
      },
      Math.max(1000, this.leaseMs / 3),
    );
    keep.unref();
    try {
      if (!handler) throw new Error(`no handler for job kind ${job.kind}`);
      await handler(job, {
        progress: async (f) => {
          job.progress = f;
          await this.queue.heartbeat(job.id, this.id, f, this.leaseMs);
        },
        enqueue: (kind, payload, o) => this.queue.enqueue(kind, payload, o),
      });
      await this.queue.complete(job.id, this.id);
    } catch (e) {
      const err = e instanceof Error ? e : new Error(String(e));
      this.opts.onError?.(job, err);
      await this.queue.fail(job.id, this.id, err.message);
    } finally {
      clearInterval(keep);
      this.ran++;
    }
  }

  /** Claims up to the free slots; returns how many it started. */
  private async fill(): Promise<number> {
    let started = 0;
    while (this.running.size < this.concurrency) {
      const job = await this.queue.claim(this.id, Object.keys(this.handlers), this.leaseMs);
      if (!job) break;
      const p: Promise<void> = this.runOne(job).finally(() => this.running.delete(p));
      this.running.add(p);
      started++;
    }
    return started;
  }

  /** Runs jobs until none is claimable and none is running; returns how many ran. */
  async drain(): Promise<number> {
    const before = this.ran;
    await this.queue.requeueStale();
    for (;;) {
      await this.fill();
      if (this.running.size === 0) break;
      await Promise.race(this.running);
    }
    return this.ran - before;
  }

  /** Polls in the background: one loop, so claims never race each other on this node. */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.queue.requeueStale();
          await this.fill();
        } catch {
          // the database may be briefly away; the next poll tries again
        }
        if (this.stopped) break;
        // wake when a slot frees, when stopped, or at the next poll
        await new Promise<void>((resolve) => {
          this.wake = resolve;
          this.timer = setTimeout(resolve, this.pollMs);
          if (this.running.size > 0) void Promise.race(this.running).then(() => resolve());
        });
        clearTimeout(this.timer);
      }
    })();
  }

  /** Stops claiming and waits for the running jobs to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.wake?.();
    await this.loop;
    await Promise.allSettled([...this.running]);
  }
}
