/**
 * The catalogue version as this node knows it, told by PostgreSQL LISTEN/NOTIFY when it can be
 * and polled when it cannot. While the listening connection is up, the version read once stays
 * good until a notification says it moved (so the cache, the search index and list counts
 * follow another node's change at once, and no query runs per request); while it is down, and
 * always on SQLite, the version is re-read at most once per `pollMs` (PolledVersion).
 */
import { PolledVersion, type VersionSource } from './cache.ts';

/** Starts listening; `onChange` on each committed version, `onState` when it comes up or down. */
export type Subscribe = (
  onChange: (version: string) => void,
  onState: (listening: boolean) => void,
) => Promise<{ close(): Promise<void> }>;

export class NotifiedVersion implements VersionSource {
  private readonly poll: PolledVersion;
  private listening = false;
  /** Valid while listening: the last version read or notified. */
  private known: string | undefined;
  private subscription: { close(): Promise<void> } | undefined;

  constructor(
    private readonly read: () => Promise<string>,
    pollMs = 1000,
  ) {
    this.poll = new PolledVersion(read, pollMs);
  }

  /** Listens through `subscribe` until `close()`; the poll stays the fallback. */
  async listen(subscribe: Subscribe): Promise<void> {
    this.subscription = await subscribe(
      (version) => {
        this.known = version;
        this.poll.invalidate();
      },
      (up) => {
        this.listening = up;
        // Whatever was committed while nobody listened: read it again.
        this.known = undefined;
        this.poll.invalidate();
      },
    );
  }

  /** Whether a LISTEN connection is up (for /readyz and the log). */
  get isListening(): boolean {
    return this.listening;
  }

  async current(): Promise<string> {
    if (this.listening && this.known !== undefined) return this.known;
    const v = await this.poll.current();
    if (this.listening && this.known === undefined) this.known = v;
    return v;
  }

  peek(): string | undefined {
    return this.listening && this.known !== undefined ? this.known : this.poll.peek();
  }

  /** This node changed the catalogue: forget what it knew (its own NOTIFY follows, too). */
  invalidate(): void {
    this.known = undefined;
    this.poll.invalidate();
  }

  async close(): Promise<void> {
    const s = this.subscription;
    this.subscription = undefined;
    this.listening = false;
    await s?.close();
  }
}
