// An internal error's stack names lib/'s files, not the minified bundle's columns.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readableStack } from '../../src/cli/stack.js';
import { ROOT } from '../helpers/build.js';

const BUNDLE = join(ROOT, 'lib', 'bulletin.cjs');

/** The bundle's line and column (from 1) of the first occurrence of `text`. */
function placeIn(code: string, text: string): [number, number] {
  const at = code.indexOf(text);
  expect(at).toBeGreaterThan(0);
  const before = code.slice(0, at).split('\n');
  return [before.length, before[before.length - 1].length + 1];
}

describe('readableStack', () => {
  it('maps a frame in the bundle back to the file and line under lib/ that holds the code', () => {
    const code = readFileSync(BUNDLE, 'latin1');
    const text = 'is in the table but has no case in main.ts';
    const [line, col] = placeIn(code, text);
    const stack = `Error: x\n    at main (${BUNDLE}:${line}:${col})\n    at node:internal/main:1:2`;
    const out = readableStack(stack);
    const m = /at main \((lib\/cli\/main\.js):(\d+):(\d+)\)/.exec(out);
    expect(m, out).not.toBeNull();
    const source = readFileSync(join(ROOT, m![1]), 'utf8').split('\n');
    expect(source[Number(m![2]) - 1]).toContain(text);
    // frames elsewhere are left as they were
    expect(out).toContain('at node:internal/main:1:2');
  });

  it('leaves the stack as it was when there is no map', () => {
    const stack = 'Error: x\n    at f (/nowhere/bulletin.cjs:1:20)';
    expect(readableStack(stack)).toBe(stack);
  });
});
