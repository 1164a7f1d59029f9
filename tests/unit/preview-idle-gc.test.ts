// The preview collects garbage in the debounce (src/preview/idle-gc.ts): gc() must be
// reachable at run time in the Node the project runs on, without --expose-gc.
import v8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import { canCollect, collectYoung } from '../../src/preview/idle-gc.js';

const young = (): number => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_used_size;

describe('idle garbage collection', () => {
  it('can ask V8 for a young-generation collection, which empties it of garbage', () => {
    expect(canCollect()).toBe(true);
    let garbage: unknown = null;
    for (let i = 0; i < 20_000; i++) garbage = { i, text: `line ${i}` };
    expect(garbage).toBeTruthy();
    const before = young();
    collectYoung();
    expect(young()).toBeLessThan(before / 2);
  });
});
