#!/usr/bin/env node
// Benchmarks: prints figures, asserts nothing. Run with `npm run bench` (compiles first).
//   1. the sample issue, as whole processes (cold: a fresh node each time) and in-process;
//   2. a stress issue: the sample's articles repeated 30 times (about 270 pages);
//   3. composition throughput on 200,000 characters, total fit against greedy;
//   4. the sample's whole build with the greedy breaker, for the composer's overhead;
//   5. the preview's rebuilds: save → new PDF bytes for one-paragraph edits, and memory
//      after 1,000 edits (bench/preview.js, in a process of its own; `npm run bench -- preview`
//      runs only this part);
//   6. the archive: build --all over 24 issues against 24 single builds, and a no-change
//      --all (bench/archive.js; `npm run bench -- archive` runs only this part).
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SAMPLE = join(ROOT, 'issues', '2023-06');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

/** The preview's figures come from a fresh process, so its memory is its own. */
function previewBench() {
  console.log('');
  const r = spawnSync(process.execPath, ['--expose-gc', join(ROOT, 'bench', 'preview.js')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/preview.js failed (${r.status})`);
}
function archiveBench() {
  console.log('');
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'archive.js')], { stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`bench/archive.js failed (${r.status})`);
}
if (process.argv[2] === 'preview') {
  previewBench();
  process.exit(0);
}
if (process.argv[2] === 'archive') {
  archiveBench();
  process.exit(0);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => `${(ms / 1000).toFixed(3)} s`;

function stressIssue(times) {
  const dir = join(OUT, `stress-${times}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  cpSync(join(SAMPLE, 'issue.yaml'), join(dir, 'issue.yaml'));
  const articles = readdirSync(join(SAMPLE, 'articles')).filter((f) => f.endsWith('.md')).sort();
  let n = 0;
  for (let t = 0; t < times; t++) {
    for (const a of articles) {
      n++;
      cpSync(join(SAMPLE, 'articles', a), join(dir, 'articles', `${String(n).padStart(3, '0')}-${a.replace(/^\d+-/, '')}`));
    }
  }
  return dir;
}

/** A whole `bulletin build` process: wall time, and peak memory as the child reports it. */
function wholeProcess(issue, out) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'child.js'), issue, out], { encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  return { ms, ...JSON.parse(r.stdout) };
}

function report(label, runs) {
  const ms = median(runs.map((r) => r.ms));
  const best = Math.min(...runs.map((r) => r.ms));
  const r = runs[0];
  const rss = Math.max(...runs.map((x) => x.maxRSS)) / 1024;
  console.log(
    `${label.padEnd(34)} ${fmt(ms).padStart(9)}  ${(r.pages / (ms / 1000)).toFixed(0).padStart(5)} pages/s  ` +
      `${String(r.pages).padStart(4)} pages  ${(r.bytes / 1024).toFixed(0).padStart(6)} KB  peak ${rss.toFixed(0)} MB  (best ${fmt(best)})`,
  );
}

const { build } = await import(join(ROOT, 'lib', 'index.js'));
mkdirSync(OUT, { recursive: true });
console.log(`bulletin benchmarks — node ${process.version}, ${RUNS} runs each, medians\n`);

// Node alone, and Node loading the libraries every build needs: the floor under any build.
const floor = [];
for (let i = 0; i < RUNS; i++) {
  const t0 = performance.now();
  spawnSync(process.execPath, ['-e', "await Promise.all(['pdfkit','fontkit','markdown-it','yaml'].map((m)=>import(m)))", '--input-type=module'], { cwd: ROOT });
  floor.push(performance.now() - t0);
}
console.log(`${'node + pdfkit/fontkit/markdown-it/yaml'.padEnd(34)} ${fmt(median(floor)).padStart(9)}  (start-up floor)`);

const stress = stressIssue(30);
for (const [label, issue] of [
  ['sample, whole process (cold)', SAMPLE],
  ['stress ×30, whole process', stress],
]) {
  const runs = [];
  for (let i = 0; i < (issue === SAMPLE ? RUNS : 3); i++) runs.push(wholeProcess(issue, join(OUT, 'bench.pdf')));
  report(label, runs);
}

// In-process builds (as a preview server rebuilds). Total fit and greedy take turns, so
// that the machine's moods fall on both alike.
const sample = { 'total-fit': [], greedy: [] };
for (let w = 0; w < 3; w++) for (const breaker of ['total-fit', 'greedy']) await build(SAMPLE, { breaker });
for (let i = 0; i < 2 * RUNS; i++) {
  for (const breaker of ['total-fit', 'greedy']) {
    const t0 = performance.now();
    const r = await build(SAMPLE, { breaker });
    sample[breaker].push({ ms: performance.now() - t0, pages: r.pages, bytes: r.pdf.length, maxRSS: process.resourceUsage().maxRSS });
  }
}
report('sample, in-process (warm)', sample['total-fit']);
report('sample, in-process, greedy', sample.greedy);
console.log(`${'  total fit / greedy'.padEnd(34)} ${(median(sample['total-fit'].map((r) => r.ms)) / median(sample.greedy.map((r) => r.ms))).toFixed(2).padStart(9)}  (the composer's cost in a whole build)`);
{
  await build(stress);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await build(stress);
    runs.push({ ms: performance.now() - t0, pages: r.pages, bytes: r.pdf.length, maxRSS: process.resourceUsage().maxRSS });
  }
  report('stress ×30, in-process', runs);
}

// Composition alone: 200,000 characters of the sample's text in one run of paragraphs.
const { buildAtoms } = await import(join(ROOT, 'lib', 'compose', 'atoms.js'));
const { composeLines } = await import(join(ROOT, 'lib', 'compose', 'lines.js'));
const { FontRegistry } = await import(join(ROOT, 'lib', 'fonts', 'registry.js'));
const { Diagnostics } = await import(join(ROOT, 'lib', 'source', 'diagnostics.js'));
const face = FontRegistry.load(ROOT, new Diagnostics()).face('serif');
const paras = readdirSync(join(SAMPLE, 'articles'))
  .flatMap((f) => readFileSync(join(SAMPLE, 'articles', f), 'utf8').split(/^---$/m)[2].split(/\n\s*\n/))
  .map((p) => p.replace(/[#*]/g, '').trim())
  .filter(Boolean);
const corpus = [];
let chars = 0;
for (let i = 0; chars < 200_000; i++) {
  const p = paras[i % paras.length];
  corpus.push(p);
  chars += p.length;
}
for (const breaker of ['total-fit', 'greedy']) {
  const env = { hanLatin: 0.25, fallback: () => [] };
  const compose = () => {
    let lines = 0;
    for (const text of corpus) {
      const list = buildAtoms([{ text, face, size: 12, color: '#000000', pos: { file: '', line: 0, col: 0 } }], env);
      lines += composeLines(list, { measure: 456, firstIndent: 24, align: 'justify', em: 12, breaker }).length;
    }
    return lines;
  };
  compose();
  const runs = [];
  let lines = 0;
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    lines = compose();
    runs.push(performance.now() - t0);
  }
  const ms = median(runs);
  console.log(`${`compose 200k chars, ${breaker}`.padEnd(34)} ${fmt(ms).padStart(9)}  ${Math.round(chars / (ms / 1000)).toLocaleString('en')} chars/s  ${lines} lines`);
}
const size = statSync(join(OUT, 'bench.pdf')).size;
writeFileSync(join(OUT, 'last-size.txt'), String(size));

previewBench();
archiveBench();
