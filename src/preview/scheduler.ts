// When to rebuild. Saves in quick succession (an editor's atomic save is two or three file
// events; "save all" is one per file) are gathered by a debounce into one build; a save
// that comes while a build runs makes that build stale: its result is dropped and one more
// build follows. However many saves come, at most one build runs and one waits.

export interface RunInfo {
  /** Files whose change started this build (deduplicated, in order of first change). */
  changed: string[];
  /** performance.now() of the last file event before the build, and of its start and end. */
  lastEvent: number;
  started: number;
  finished: number;
}

export interface SchedulerOptions<T> {
  /** The rebuild: one call, one result; it should not throw (a throw is reported as `failed`). */
  run: () => Promise<T>;
  /** A build's result, unless a later change made it stale. */
  publish: (result: T, info: RunInfo) => void;
  /** A build starts (the page says "building…"). */
  starting?: () => void;
  /** A build that threw (a bug in the build): the scheduler carries on. */
  failed?: (error: unknown) => void;
  /** Quiet time after the last change before a build starts, ms. */
  delay: number;
  /**
   * Work for the quiet time (the session collects garbage): once per burst of changes, half
   * the delay after its first, unless a build is running then. It must take well under half
   * the delay, or the build waits for it.
   */
  tidy?: () => void;
  /** Injected for tests; default the real clock and timers. */
  now?: () => number;
  setTimer?: (f: () => void, ms: number) => unknown;
  clearTimer?: (t: unknown) => void;
}

export class RebuildScheduler<T> {
  private timer: unknown = null;
  private tidyTimer: unknown = null;
  private running = false;
  /** The debounce ran out while a build was running: start again as soon as it ends. */
  private waiting = false;
  /** Bumped by every change: a build started at an older generation is stale. */
  private generation = 0;
  private changedFiles: string[] = [];
  private lastEvent = 0;
  private closed = false;
  /** Counts, for the log and the tests. */
  readonly stats = { builds: 0, published: 0, superseded: 0 };
  private readonly now: () => number;
  private readonly setTimer: (f: () => void, ms: number) => unknown;
  private readonly clearTimer: (t: unknown) => void;
  private idle: (() => void)[] = [];

  constructor(private readonly o: SchedulerOptions<T>) {
    this.now = o.now ?? (() => performance.now());
    this.setTimer = o.setTimer ?? ((f, ms) => setTimeout(f, ms));
    this.clearTimer = o.clearTimer ?? ((t) => clearTimeout(t as NodeJS.Timeout));
  }

  /** A watched file changed: a build starts once no change has come for `delay` ms. */
  changed(file?: string): void {
    if (this.closed) return;
    this.generation++;
    this.lastEvent = this.now();
    if (file && !this.changedFiles.includes(file)) this.changedFiles.push(file);
    if (this.o.tidy && this.timer === null && this.tidyTimer === null && !this.running)
      this.tidyTimer = this.setTimer(() => {
        this.tidyTimer = null;
        if (!this.running && !this.closed) this.o.tidy!();
      }, this.o.delay / 2);
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = this.setTimer(() => this.due(), this.o.delay);
  }

  /** Builds now, skipping the debounce (the first build at start-up). */
  buildNow(): void {
    if (this.closed) return;
    this.generation++;
    this.lastEvent = this.now();
    this.due();
  }

  get busy(): boolean {
    return this.running || this.waiting || this.timer !== null;
  }

  /** Resolves when no build is running or due (for tests and shutdown). */
  settled(): Promise<void> {
    if (!this.busy) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) this.clearTimer(this.timer);
    if (this.tidyTimer !== null) this.clearTimer(this.tidyTimer);
    this.timer = null;
    this.tidyTimer = null;
    this.waiting = false;
    if (!this.running) this.flushIdle();
  }

  private due(): void {
    this.timer = null;
    if (this.running) {
      this.waiting = true;
      return;
    }
    void this.start();
  }

  private async start(): Promise<void> {
    this.running = true;
    this.waiting = false;
    const generation = this.generation;
    const changed = this.changedFiles;
    this.changedFiles = [];
    const lastEvent = this.lastEvent;
    const started = this.now();
    this.stats.builds++;
    this.o.starting?.();
    let result: T | undefined;
    let threw = false;
    try {
      result = await this.o.run();
    } catch (e) {
      threw = true;
      this.o.failed?.(e);
    }
    this.running = false;
    if (this.closed) return this.flushIdle();
    if (generation === this.generation) {
      if (!threw) {
        this.stats.published++;
        this.o.publish(result as T, { changed, lastEvent, started, finished: this.now() });
      }
    } else {
      // Stale: the files changed while it ran. What it was asked for goes to the next build.
      this.stats.superseded++;
      this.changedFiles = [...changed, ...this.changedFiles.filter((f) => !changed.includes(f))];
    }
    if (this.waiting) void this.start();
    else if (!this.busy) this.flushIdle();
  }

  private flushIdle(): void {
    const waiting = this.idle;
    this.idle = [];
    for (const f of waiting) f();
  }
}
