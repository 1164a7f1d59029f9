// The test run's global setup rebuilds lib/ exactly when a source is newer than the build.
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtAt, newestInput } from '../global-setup.js';

function project(): { root: string; touch: (file: string, seconds: number) => void } {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-setup-'));
  const touch = (file: string, seconds: number) => {
    const path = join(root, file);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, '');
    utimesSync(path, seconds, seconds);
  };
  for (const f of [
    'package.json',
    'package-lock.json',
    'tsconfig.json',
    'scripts/bundle.mjs',
    'src/a.ts',
    'src/deep/b.ts',
  ])
    touch(f, 1000);
  return { root, touch };
}

describe('is lib/ up to date', () => {
  it('is stale when it is missing', () => {
    const { root } = project();
    expect(builtAt(root)).toBeLessThan(newestInput(root));
  });

  it('is fresh when the bundle and tsc output are newer than every source', () => {
    const { root, touch } = project();
    for (const f of ['lib/bulletin.cjs', 'lib/index.js', 'lib/archive/build-worker.js']) touch(f, 2000);
    expect(builtAt(root)).toBeGreaterThanOrEqual(newestInput(root));
    // a source edited since, however deep
    touch('src/deep/b.ts', 3000);
    expect(builtAt(root)).toBeLessThan(newestInput(root));
  });

  it('is stale when only tsc ran (the bundle is older) or the bundler changed', () => {
    const { root, touch } = project();
    touch('lib/bulletin.cjs', 1500);
    touch('lib/index.js', 2000);
    touch('lib/archive/build-worker.js', 2000);
    touch('src/a.ts', 1800);
    expect(builtAt(root)).toBeLessThan(newestInput(root));
    touch('lib/bulletin.cjs', 2000);
    expect(builtAt(root)).toBeGreaterThanOrEqual(newestInput(root));
    touch('scripts/bundle.mjs', 2500);
    expect(builtAt(root)).toBeLessThan(newestInput(root));
  });
});
