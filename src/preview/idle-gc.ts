// Garbage collection while the preview waits for the next save, instead of in the middle of
// the next rebuild. A warm rebuild allocates a few megabytes, and much of what it makes lives
// until the build after (the page programs and composed lines the caches keep, the state the
// page is shown). Left to itself V8 collects the young generation whenever it fills, which
// falls inside a rebuild every second or third save, and then copies all of that: 10–14 ms
// on the sample, a third of a rebuild (--trace-gc). Collected in the debounce after a save
// (the scheduler's `tidy`), the young generation starts each rebuild empty, and a rebuild the
// size of the sample's runs without a collection. (Collected right after each publish instead,
// a save coming at once had its file event wait for the collection.)
import v8 from 'node:v8';
import vm from 'node:vm';

type Collect = (options: { type: 'minor' | 'major'; execution: 'sync' | 'async' }) => void;

let collect: Collect | null | undefined;

/** V8's gc(), made available at run time; null where it cannot be (then nothing is done). */
function collector(): Collect | null {
  if (collect !== undefined) return collect;
  try {
    // (the flag exposes gc to contexts made after it is set: a new one is asked for it)
    v8.setFlagsFromString('--expose-gc');
    const gc: unknown = vm.runInNewContext('gc');
    collect = typeof gc === 'function' ? (gc as Collect) : null;
  } catch {
    collect = null;
  }
  return collect;
}

/** Whether collections can be asked for in this Node (tests: the preview depends on it for its speed). */
export function canCollect(): boolean {
  return collector() !== null;
}

/** Collects the young generation now (the caller is idle: waiting out the debounce). */
export function collectYoung(): void {
  collector()?.({ type: 'minor', execution: 'sync' });
}
