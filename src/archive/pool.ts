// Worker threads for whole-issue work. One pool size for the whole process, decided once:
// `--jobs`, else BULLETIN_JOBS, else the machine's cores. Inside a worker the size is 1, so
// anything that would run in parallel inside an issue's build runs in its worker's thread
// and never multiplies the threads.
import { availableParallelism } from 'node:os';
import { isMainThread, Worker } from 'node:worker_threads';

let size: number | undefined;

export function poolSize(): number {
  if (size === undefined) {
    const env = Number(process.env.BULLETIN_JOBS);
    size = !isMainThread ? 1 : Number.isInteger(env) && env > 0 ? env : Math.max(1, availableParallelism());
  }
  return size;
}

/** Sets the size before anything runs; later calls cannot change it. */
export function setPoolSize(n: number): number {
  if (size === undefined && isMainThread && Number.isInteger(n) && n > 0) size = n;
  return poolSize();
}

interface Job<T, R> {
  task: T;
  resolve: (r: R) => void;
  reject: (e: Error) => void;
}

/**
 * Runs tasks on up to `poolSize()` workers of one script, each worker taking the next task
 * when it is done. A worker that dies fails its task (and only it) and is replaced.
 */
export class Pool<T, R> {
  private readonly queue: Job<T, R>[] = [];
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job<T, R>>();
  private workers = 0;
  private readonly limit: number;

  constructor(
    private readonly script: string,
    tasks: number,
  ) {
    this.limit = Math.max(1, Math.min(poolSize(), tasks));
  }

  run(task: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.next();
    });
  }

  private next(): void {
    while (this.queue.length) {
      let w = this.idle.pop();
      if (!w) {
        if (this.workers >= this.limit) return;
        w = this.spawn();
      }
      const job = this.queue.shift()!;
      this.busy.set(w, job);
      w.postMessage(job.task);
    }
  }

  private spawn(): Worker {
    const w = new Worker(this.script);
    this.workers++;
    w.on('message', (r: R) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      this.idle.push(w);
      job?.resolve(r);
      this.next();
    });
    const fail = (e: Error) => {
      const job = this.busy.get(w);
      this.busy.delete(w);
      const at = this.idle.indexOf(w);
      if (at >= 0) this.idle.splice(at, 1);
      this.workers--;
      job?.reject(e);
      this.next();
    };
    w.on('error', fail);
    w.on('exit', (code) => {
      if (this.busy.has(w)) fail(new Error(`the worker stopped (exit code ${code})`));
    });
    return w;
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
    this.idle.length = 0;
  }
}
