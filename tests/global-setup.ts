// Before any test: lib/ is built from the sources as they are now. The CLI tests run
// bin/bulletin.js, which runs the bundle lib/bulletin.cjs, and the archive's workers run
// lib/archive/build-worker.js; a bundle older than a source file would be tested instead of
// the code. Fresh (the common case) costs one walk over the sources' dates; stale, it runs
// `npm run build` (tsc, then the bundle).
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The newest modification time among the files a build reads. */
export function newestInput(root: string): number {
  let newest = 0;
  const see = (path: string) => {
    newest = Math.max(newest, statSync(path).mtimeMs);
  };
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name.endsWith('.ts')) see(path);
    }
  };
  walk(join(root, 'src'));
  for (const f of ['package.json', 'package-lock.json', 'tsconfig.json', 'scripts/bundle.mjs']) see(join(root, f));
  return newest;
}

/** The oldest of what the tests run: the bundle, and tsc's output (the bundle is made from it). */
export function builtAt(root: string): number {
  try {
    return Math.min(
      statSync(join(root, 'lib', 'bulletin.cjs')).mtimeMs,
      statSync(join(root, 'lib', 'index.js')).mtimeMs,
      statSync(join(root, 'lib', 'archive', 'build-worker.js')).mtimeMs,
    );
  } catch {
    return -1; // missing: build
  }
}

export default function setup(): void {
  if (builtAt(ROOT) >= newestInput(ROOT)) return;
  process.stderr.write('lib/ is older than the sources: npm run build\n');
  execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
}
