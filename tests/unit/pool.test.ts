// The worker pool under build --all: tasks spread over at most the pool's size, a worker
// that dies failing its own task only, one size for the whole process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Pool, poolSize, setPoolSize } from '../../src/archive/pool.js';

const script = join(mkdtempSync(join(tmpdir(), 'bulletin-pool-')), 'worker.mjs');
// Answers with its thread id after a short wait; "die" ends the worker without an answer.
writeFileSync(
  script,
  `import { parentPort, threadId } from 'node:worker_threads';
parentPort.on('message', (task) => {
  if (task === 'die') process.exit(7);
  setTimeout(() => parentPort.postMessage({ task, threadId }), 20);
});`,
);

describe('the pool', () => {
  it('has one size for the process, set once', () => {
    const size = setPoolSize(2);
    expect(size).toBe(poolSize());
    expect(setPoolSize(size + 3)).toBe(size);
  });

  it('runs every task on at most its size of workers; a worker that dies fails only its task', async () => {
    const pool = new Pool<string, { task: string; threadId: number }>(script, 10);
    const tasks = ['a', 'b', 'die', 'c', 'd', 'e'];
    const results = await Promise.allSettled(tasks.map((t) => pool.run(t)));
    await pool.close();
    const done = results
      .filter((r) => r.status === 'fulfilled')
      .map((r) => (r as PromiseFulfilledResult<{ task: string; threadId: number }>).value);
    expect(done.map((r) => r.task).sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(String(failed[0].reason)).toContain('exit code 7');
    // No more threads at once than the pool's size (a dead worker is replaced, so ids may be more).
    expect(new Set(done.map((r) => r.threadId)).size).toBeLessThanOrEqual(poolSize() + 1);
  });
});
