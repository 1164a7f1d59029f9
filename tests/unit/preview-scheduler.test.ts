// When the preview rebuilds: saves gathered by the debounce, a build made stale by a save
// dropped and followed by exactly one more, never two builds at once, never a queue.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RebuildScheduler, type RunInfo } from '../../src/preview/scheduler.js';

/** A clock and timers the test moves by hand, and builds it finishes by hand. */
function harness(delay = 50, tidy?: () => void) {
  let now = 0;
  let timers: { at: number; f: () => void; id: number }[] = [];
  let nextId = 1;
  const builds: { id: number; finish: (v?: number) => void; fail: (e: Error) => void; startedAt: number }[] = [];
  const published: { value: number; info: RunInfo }[] = [];
  const failures: unknown[] = [];
  /** What happened, in order: saves, build starts and publications. */
  const log: string[] = [];
  let running = 0;
  let maxRunning = 0;
  let buildCount = 0;
  const s = new RebuildScheduler<number>({
    delay,
    now: () => now,
    setTimer: (f, ms) => {
      const t = { at: now + ms, f, id: nextId++ };
      timers.push(t);
      return t.id;
    },
    clearTimer: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
    run: () =>
      new Promise<number>((resolve, reject) => {
        const id = ++buildCount;
        log.push(`start ${id}`);
        running++;
        maxRunning = Math.max(maxRunning, running);
        builds.push({
          id,
          startedAt: now,
          finish: (v = id) => {
            running--;
            resolve(v);
          },
          fail: (e) => {
            running--;
            reject(e);
          },
        });
      }),
    publish: (value, info) => {
      log.push(`publish ${value}`);
      published.push({ value, info });
    },
    failed: (e) => failures.push(e),
    tidy: tidy && (() => (log.push('tidy'), tidy())),
  });
  const flush = () => new Promise((r) => setTimeout(r, 0));
  return {
    s,
    builds,
    published,
    failures,
    log,
    save(file: string) {
      log.push('save');
      s.changed(file);
    },
    get maxRunning() {
      return maxRunning;
    },
    get running() {
      return running;
    },
    get pendingTimers() {
      return timers.length;
    },
    async advance(ms: number) {
      const end = now + ms;
      for (;;) {
        timers.sort((a, b) => a.at - b.at);
        const t = timers[0];
        if (!t || t.at > end) break;
        timers.shift();
        now = t.at;
        t.f();
        await flush();
      }
      now = end;
      await flush();
    },
    async finish(k: number) {
      builds[k].finish();
      await flush();
      await flush();
    },
  };
}

describe('RebuildScheduler', () => {
  it('gathers saves in quick succession into one build, started after the quiet time', async () => {
    const h = harness(50);
    h.s.changed('a.md');
    await h.advance(10);
    h.s.changed('a.md.tmp');
    await h.advance(10);
    h.s.changed('b.md');
    await h.advance(49);
    expect(h.builds).toHaveLength(0);
    await h.advance(1);
    expect(h.builds).toHaveLength(1);
    expect(h.builds[0].startedAt).toBe(70);
    await h.finish(0);
    expect(h.published.map((p) => p.value)).toEqual([1]);
    expect(h.published[0].info).toMatchObject({ changed: ['a.md', 'a.md.tmp', 'b.md'], lastEvent: 20, started: 70 });
  });

  it('drops a build made stale by a save while it ran, and builds once more', async () => {
    const h = harness(50);
    h.s.changed('a.md');
    await h.advance(50);
    expect(h.builds).toHaveLength(1);
    h.s.changed('a.md'); // while build 1 runs
    await h.advance(50); // the debounce runs out during the build: the next one waits
    expect(h.builds).toHaveLength(1);
    await h.finish(0);
    expect(h.published).toEqual([]); // build 1 was stale
    expect(h.builds).toHaveLength(2); // build 2 started as soon as build 1 ended
    await h.finish(1);
    expect(h.published.map((p) => p.value)).toEqual([2]);
    expect(h.published[0].info.changed).toEqual(['a.md']);
    expect(h.s.stats).toEqual({ builds: 2, published: 1, superseded: 1 });
  });

  it('keeps at most one build waiting, however many saves come during a build', async () => {
    const h = harness(50);
    h.s.changed('x');
    await h.advance(50);
    for (let i = 0; i < 100; i++) {
      h.s.changed(`f${i % 3}`);
      await h.advance(60);
    }
    expect(h.builds).toHaveLength(1);
    expect(h.pendingTimers).toBe(0);
    await h.finish(0);
    expect(h.builds).toHaveLength(2);
    await h.finish(1);
    expect(h.builds).toHaveLength(2);
    expect(h.published.map((p) => p.value)).toEqual([2]);
    // Everything asked for reached the build that was published, once each.
    expect(h.published[0].info.changed.sort()).toEqual(['f0', 'f1', 'f2', 'x']);
  });

  it('waits out the debounce after a stale build when saves are still coming', async () => {
    const h = harness(50);
    h.s.changed('a');
    await h.advance(50);
    h.s.changed('a');
    await h.advance(20); // debounce still running when the build ends
    await h.finish(0);
    expect(h.builds).toHaveLength(1);
    await h.advance(30);
    expect(h.builds).toHaveLength(2);
    await h.finish(1);
    expect(h.published.map((p) => p.value)).toEqual([2]);
  });

  it('carries on after a build that threw', async () => {
    const h = harness(50);
    h.s.changed('a');
    await h.advance(50);
    h.builds[0].fail(new Error('bug'));
    await h.advance(0);
    expect(h.failures).toHaveLength(1);
    h.s.changed('a');
    await h.advance(50);
    await h.finish(1);
    expect(h.published.map((p) => p.value)).toEqual([2]);
  });

  it('builds at once without debounce on buildNow, and settles when idle', async () => {
    const h = harness(50);
    h.s.buildNow();
    expect(h.builds).toHaveLength(1);
    let settled = false;
    void h.s.settled().then(() => (settled = true));
    await h.advance(0);
    expect(settled).toBe(false);
    await h.finish(0);
    expect(settled).toBe(true);
  });

  it('tidies once per burst of saves, halfway through the quiet time, never during a build', async () => {
    let tidied = 0;
    const h = harness(50, () => tidied++);
    h.save('a.md');
    await h.advance(10);
    h.save('a.md.tmp');
    await h.advance(14);
    expect(tidied).toBe(0);
    await h.advance(1); // 25 ms after the burst's first save
    expect(tidied).toBe(1);
    h.save('b.md');
    await h.advance(50);
    expect(tidied).toBe(1);
    expect(h.log).toEqual(['save', 'save', 'tidy', 'save', 'start 1']);
    // saves while the build runs: no tidying then, nor when their debounce runs out
    h.save('a.md');
    await h.advance(60);
    expect(tidied).toBe(1);
    await h.finish(0);
    await h.finish(1);
    // the next burst, with nothing running, is tidied again
    h.save('a.md');
    await h.advance(50);
    expect(tidied).toBe(2);
    expect(h.log.slice(-3)).toEqual(['save', 'tidy', 'start 3']);
  });

  it('does not tidy after closing', async () => {
    let tidied = 0;
    const h = harness(50, () => tidied++);
    h.save('a.md');
    h.s.close();
    await h.advance(100);
    expect(tidied).toBe(0);
    expect(h.pendingTimers).toBe(0);
  });

  it('does nothing more once closed', async () => {
    const h = harness(50);
    h.s.changed('a');
    h.s.close();
    await h.advance(100);
    expect(h.builds).toHaveLength(0);
    h.s.changed('b');
    await h.advance(100);
    expect(h.builds).toHaveLength(0);
  });

  it('for any pattern of saves and build times: one build at a time, nothing stale shown, the last save always built', async () => {
    type Step = { kind: 'save'; gap: number } | { kind: 'finish'; gap: number };
    const step = fc.oneof(
      fc.record({ kind: fc.constant('save' as const), gap: fc.integer({ min: 0, max: 120 }) }),
      fc.record({ kind: fc.constant('finish' as const), gap: fc.integer({ min: 0, max: 120 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps: Step[]) => {
        const h = harness(50);
        let lastSave = -1;
        let clock = 0;
        let finished = 0;
        for (const st of steps) {
          await h.advance(st.gap);
          clock += st.gap;
          if (st.kind === 'save') {
            h.save('a.md');
            lastSave = clock;
          } else if (finished < h.builds.length) await h.finish(finished++);
        }
        // Let everything run out.
        for (
          let guard = 0;
          guard < 100 && (h.running > 0 || h.pendingTimers > 0 || finished < h.builds.length);
          guard++
        ) {
          await h.advance(100);
          clock += 100;
          while (finished < h.builds.length) await h.finish(finished++);
        }
        expect(h.maxRunning).toBeLessThanOrEqual(1);
        // No build published had a save come while it ran (it would show stale pages), and the
        // last one published started after the very last save.
        for (const p of h.published) {
          const during = h.log.slice(h.log.indexOf(`start ${p.value}`), h.log.indexOf(`publish ${p.value}`));
          expect(during).not.toContain('save');
        }
        if (lastSave >= 0) expect(h.published.at(-1)!.info.started).toBeGreaterThanOrEqual(lastSave + 50);
        // No more builds than saves, plus none waiting.
        expect(h.builds.length).toBeLessThanOrEqual(steps.filter((s) => s.kind === 'save').length);
      }),
      { numRuns: 150 },
    );
  });
});
