#!/usr/bin/env node
// The archive's benchmark: `bulletin build --all` over 24 issues against the sum of 24
// single `bulletin build` runs (each a process of its own, as an editor would run them one
// after another), and a no-change `--all` (everything skipped). `npm run bench -- archive`
// runs only this part. Prints figures, asserts nothing.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out', 'archive');
const BIN = join(ROOT, 'bin', 'bulletin.js');
const ISSUES = 24;

/** 24 monthly issues, 2022-01 … 2023-12, made of the archive's three issues in turn. */
function makeArchive() {
  rmSync(OUT, { recursive: true, force: true });
  const sources = ['2023-04', '2023-05', '2023-06'].map((n) => join(ROOT, 'issues', n));
  const names = [];
  for (let k = 0; k < ISSUES; k++) {
    const year = 2022 + Math.floor(k / 12);
    const month = (k % 12) + 1;
    const name = `${year}-${String(month).padStart(2, '0')}`;
    const dir = join(OUT, 'issues', name);
    cpSync(sources[k % 3], dir, { recursive: true });
    rmSync(join(dir, 'build.json'), { force: true });
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    const yaml = readFileSync(join(dir, 'issue.yaml'), 'utf8')
      .replace(/^year: .*$/m, `year: ${year}`)
      .replace(/^number: .*$/m, `number: ${month}`)
      .replace(/^date: .*$/m, `date: ${name}-${last}`);
    writeFileSync(join(dir, 'issue.yaml'), yaml);
    // Every paragraph made this issue's own, so that no build finds another's composed
    // paragraphs in its cache: an archive's issues do not repeat each other.
    for (const f of readdirSync(join(dir, 'articles'))) {
      const file = join(dir, 'articles', f);
      const [, front, body] = /^(---\n[\s\S]*?\n---\n)([\s\S]*)$/.exec(readFileSync(file, 'utf8'));
      writeFileSync(file, front + body.replace(/^(?![#|!>\-\s])(.+)$/gm, `第${k + 1}号：$1`));
    }
    names.push(name);
  }
  return names;
}

function clearRecords(names) {
  for (const n of names) rmSync(join(OUT, 'issues', n, 'build.json'), { force: true });
}

function timed(args) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: OUT, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bulletin ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return { ms, out: r.stdout };
}

const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;
const names = makeArchive();
mkdirSync(join(OUT, 'single'), { recursive: true });
console.log(`archive: ${ISSUES} issues, ${availableParallelism()} cores (the pool's size)\n`);

let single = 0;
for (const n of names) single += timed(['build', `issues/${n}`, '-o', `single/${n}.pdf`, '-q']).ms;
console.log(`${'sum of 24 single builds'.padEnd(34)} ${fmt(single).padStart(9)}  (${fmt(single / ISSUES)} an issue)`);

// One worker: what keeping one process (fonts open, caches warm) gains without parallelism.
clearRecords(names);
const one = timed(['build', '--all', '-q', '--jobs', '1']);
console.log(
  `${'build --all --jobs 1'.padEnd(34)} ${fmt(one.ms).padStart(9)}  ×${(single / one.ms).toFixed(2)} the single builds`,
);

clearRecords(names);
const all = timed(['build', '--all', '-q', '--force']);
console.log(
  `${'build --all, every issue built'.padEnd(34)} ${fmt(all.ms).padStart(9)}  ×${(single / all.ms).toFixed(2)} the single builds, ×${(one.ms / all.ms).toFixed(2)} one worker  — ${all.out.trim()}`,
);

const again = timed(['build', '--all', '-q']);
console.log(`${'build --all, nothing changed'.padEnd(34)} ${fmt(again.ms).padStart(9)}  — ${again.out.trim()}`);

// The PDFs --all made are the single builds' bytes.
const same = names.every((n) =>
  readFileSync(join(OUT, 'dist', `${n}.pdf`)).equals(readFileSync(join(OUT, 'single', `${n}.pdf`))),
);
console.log(`${'--all PDFs = single builds'.padEnd(34)} ${String(same).padStart(9)}`);
