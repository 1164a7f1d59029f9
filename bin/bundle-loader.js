// Runs the bundle (lib/bulletin.cjs, made by scripts/bundle.mjs) with a V8 code cache.
// Compiling the bundle's two megabytes, and then each function the first time it is called,
// is a quarter of a short build's time; V8 can instead read back the code it compiled in an
// earlier run. The cache is written once per command and bundle, after a run of that command
// that succeeded — by then it holds every function the command called — into
// node_modules/.cache/bulletin/code/, and is named by the bundle's content hash (its first
// line), Node's version and the machine: V8 itself refuses a cache made by another V8 or with
// other flags, and then the next successful run writes a fresh one. Nothing the program does
// depends on the cache: it only saves compiling.
// CommonJS, as the whole of bin/ (bin/package.json): Node starts a script without its ES-module
// loader.
const { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'lib', 'bulletin.cjs');
// (BULLETIN_CODE_CACHE: another folder, for the loader's tests)
const CACHE = process.env.BULLETIN_CODE_CACHE || join(ROOT, 'node_modules', '.cache', 'bulletin', 'code');

/**
 * The bundle's exports, and `save()`, which keeps the compiled code for the next run of
 * `command` (call it after a successful run; it does nothing when the cache it read was good).
 */
function loadBundle(command) {
  // esbuild wrote ASCII only: Latin-1 is the cheapest way to read it.
  const source = readFileSync(BUNDLE, 'latin1');
  const require = Module.createRequire(BUNDLE);
  const id = /^\/\/ bulletin bundle ([0-9a-f]+)\n/.exec(source)?.[1] ?? 'unnamed';
  const name = /^[a-z][a-z-]{0,19}$/.test(command ?? '') ? command : 'other';
  const prefix = `${name}-`;
  const file = join(CACHE, `${prefix}${id}-${process.version}-${process.arch}.v8`);
  let cachedData;
  try {
    cachedData = readFileSync(file);
  } catch {
    // none yet
  }
  const script = new vm.Script(Module.wrap(source), { filename: BUNDLE, cachedData });
  // (a script read from a code cache cannot import() on Node 20: the bundle's imports of ES
  // modules outside it come here, to a module, which can)
  globalThis[Symbol.for('bulletin.importModule')] = (specifier) => import(specifier);
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, BUNDLE, dirname(BUNDLE));
  return {
    exports: module.exports,
    save() {
      if (cachedData && !script.cachedDataRejected) return;
      try {
        mkdirSync(CACHE, { recursive: true });
        // The command's caches for other bundles are of no more use.
        for (const f of readdirSync(CACHE))
          if (f.startsWith(prefix) && f !== file.slice(CACHE.length + 1)) rmSync(join(CACHE, f), { force: true });
        // Through a temporary file: runs in parallel never read a half-written cache.
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, script.createCachedData());
        renameSync(tmp, file);
      } catch {
        // A folder we may not write to (an installed copy): runs compile as before.
      }
    },
  };
}

module.exports = { loadBundle };
