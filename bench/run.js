#!/usr/bin/env node
// Benchmarks: prints figures, asserts nothing. Run with `npm run bench` (compiles first).
//   1. the seed issue (../shared/tools/typst-side-by-side/seed-issue when present, the six
//      articles Typst is timed on; else the sample), as whole processes (cold: a fresh node
//      each time, medians and peak memory), the in-process first and second build, and the
//      first build's time by stage (profiler); then the sample in-process;
//   2. a stress issue: the seed's articles repeated 30 times (180 articles, about 270 pages);
//   3. composition throughput on 200,000 characters, total fit against greedy;
//   4. the sample's whole build with the greedy breaker, for the composer's overhead;
//   5. the preview's rebuilds: save → new PDF bytes for one-paragraph edits, and memory
//      after 1,000 edits (bench/preview.js, in a process of its own; `npm run bench -- preview`
//      runs only this part).
//   5. pathological sizes: an article of 10,000 footnotes (and of 2,000, to see the growth
//      is near-linear) and an article of 5 MB, built and checked as whole processes.
//      runs only this part);
//   6. the archive: build --all over 24 issues against 24 single builds, and a no-change
//      --all (bench/archive.js; `npm run bench -- archive` runs only this part).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SAMPLE = join(ROOT, 'issues', '2023-06');
// The issue the side-by-side script times Typst on, so that the figures compare with its.
const SHARED_SEED = join(ROOT, '..', 'shared', 'tools', 'typst-side-by-side', 'seed-issue');
const SEED = existsSync(join(SHARED_SEED, 'issue.yaml')) ? SHARED_SEED : SAMPLE;
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
  cpSync(join(SEED, 'issue.yaml'), join(dir, 'issue.yaml'));
  const articles = readdirSync(join(SEED, 'articles'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  let n = 0;
  for (let t = 0; t < times; t++) {
    for (const a of articles) {
      n++;
      cpSync(
        join(SEED, 'articles', a),
        join(dir, 'articles', `${String(n).padStart(3, '0')}-${a.replace(/^\d+-/, '')}`),
      );
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

function child(args) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bench', 'child.js'), ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
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
  spawnSync(
    process.execPath,
    ['-e', "await Promise.all(['pdfkit','fontkit','markdown-it','yaml'].map((m)=>import(m)))", '--input-type=module'],
    { cwd: ROOT },
  );
  floor.push(performance.now() - t0);
}
console.log(
  `${'node + pdfkit/fontkit/markdown-it/yaml'.padEnd(34)} ${fmt(median(floor)).padStart(9)}  (start-up floor)`,
);

const stress = stressIssue(30);
const seedLabel = SEED === SAMPLE ? 'sample' : 'seed (6 articles)';
for (const [label, issue, runs] of [
  [`${seedLabel}, whole process (cold)`, SEED, RUNS],
  ['stress ×30, whole process', stress, 3],
]) {
  const got = [];
  for (let i = 0; i < runs; i++) got.push(wholeProcess(issue, join(OUT, 'bench.pdf')));
  report(label, got);
}
// In a fresh process: the first build (code not yet optimised) and a second of the same issue.
for (const [label, issue] of [
  [seedLabel, SEED],
  ['stress ×30', stress],
]) {
  const got = [];
  for (let i = 0; i < (issue === SEED ? RUNS : 3); i++) got.push(child(['--twice', issue]));
  const m = (k) => fmt(median(got.map((r) => r[k]))).padStart(9);
  console.log(
    `${`${label}, in-process 1st / 2nd`.padEnd(34)} ${m('first')} ${m('second')}  (modules ${m('loaded').trim()} before)`,
  );
}
// The first build's time by stage, from V8's sampling profiler (samples are wall-clock
// intervals: on a busy machine they count time the process waited too; each stage without
// the stages inside it).
for (const [label, issue] of [
  [seedLabel, SEED],
  ['stress ×30', stress],
]) {
  const runs = [];
  for (let i = 0; i < 3; i++) runs.push(child(['--stages', issue]));
  const names = [...new Set(runs.flatMap((r) => Object.keys(r)))];
  console.log(
    `${label}, first build by stage (profiler samples in ms, median of 3; a busy machine inflates them): ` +
      names.map((n) => `${n} ${median(runs.map((r) => r[n] ?? 0)).toFixed(0)} ms`).join(', '),
  );
}

// In-process builds (as a preview server rebuilds). Total fit and greedy take turns, so
// that the machine's moods fall on both alike.
const sample = { 'total-fit': [], greedy: [] };
for (let w = 0; w < 3; w++) for (const breaker of ['total-fit', 'greedy']) await build(SAMPLE, { breaker });
for (let i = 0; i < 2 * RUNS; i++) {
  for (const breaker of ['total-fit', 'greedy']) {
    const t0 = performance.now();
    const r = await build(SAMPLE, { breaker });
    sample[breaker].push({
      ms: performance.now() - t0,
      pages: r.pages,
      bytes: r.pdf.length,
      maxRSS: process.resourceUsage().maxRSS,
    });
  }
}
report('sample, in-process (warm)', sample['total-fit']);
report('sample, in-process, greedy', sample.greedy);
console.log(
  `${'  total fit / greedy'.padEnd(34)} ${(median(sample['total-fit'].map((r) => r.ms)) / median(sample.greedy.map((r) => r.ms))).toFixed(2).padStart(9)}  (the composer's cost in a whole build)`,
);
{
  await build(stress);
  const runs = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = await build(stress);
    runs.push({
      ms: performance.now() - t0,
      pages: r.pages,
      bytes: r.pdf.length,
      maxRSS: process.resourceUsage().maxRSS,
    });
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
  .flatMap((f) =>
    readFileSync(join(SAMPLE, 'articles', f), 'utf8')
      .split(/^---$/m)[2]
      .split(/\n\s*\n/),
  )
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
  console.log(
    `${`compose 200k chars, ${breaker}`.padEnd(34)} ${fmt(ms).padStart(9)}  ${Math.round(chars / (ms / 1000)).toLocaleString('en')} chars/s  ${lines} lines`,
  );
}
// Pathological sizes, as whole processes: `bulletin build` and `bulletin check`, each saying
// its peak memory as it exits.
const PEAK = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\npeak '+process.resourceUsage().maxRSS+'\\n'))`;
{
  const bin = join(ROOT, 'bin', 'bulletin.js');
  const cases = [
    ['2,000 footnotes', footnoteIssue(2_000)],
    ['10,000 footnotes', footnoteIssue(10_000)],
    ['a 5 MB article', longIssue(5_000_000)],
  ];
  for (const [label, issue] of cases) {
    for (const cmd of ['build', 'check']) {
      const args =
        cmd === 'build' ? ['build', issue, '-o', join(OUT, 'size.pdf'), '-q'] : ['check', issue, '--no-archive'];
      const t0 = performance.now();
      const r = spawnSync(process.execPath, ['--import', PEAK, bin, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
      const ms = performance.now() - t0;
      const kb = Number(/^peak (\d+)$/m.exec(r.stderr)?.[1]);
      const pages = cmd === 'build' ? ` ${String(pageCount(join(OUT, 'size.pdf'))).padStart(5)} pages` : '';
      console.log(
        `${`${label}, ${cmd}`.padEnd(34)} ${fmt(ms).padStart(9)}  exit ${r.status}${pages}  peak ${Number.isFinite(kb) ? (kb / 1024).toFixed(0) : '?'} MB`,
      );
    }
  }
}

/** An issue of one article with n paragraphs, each referring to a footnote of its own. */
function footnoteIssue(n) {
  const dir = join(OUT, `footnotes-${n}`, '2023-06');
  rmSync(dirname(dir), { recursive: true, force: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  cpSync(join(SAMPLE, 'issue.yaml'), join(dir, 'issue.yaml'));
  const body = [];
  const notes = [];
  for (let i = 1; i <= n; i++) {
    body.push(`第${i}段：统计显示，全市研发投入增长${(i % 97) / 10 + 1}%[^n${i}]，成果转化继续推进。`);
    notes.push(`[^n${i}]: 第${i}条注释：数据来源于市统计局${2000 + (i % 24)}年公报。`);
  }
  writeFileSync(
    join(dir, 'articles', '01-notes.md'),
    `---\ntitle: 注释很多的文章\n---\n\n${body.join('\n\n')}\n\n${notes.join('\n\n')}\n`,
  );
  return dir;
}

/** An issue of one article of about `bytes` bytes: the sample's sentences, shuffled into paragraphs. */
function longIssue(bytes) {
  const dir = join(OUT, 'long-article', '2023-06');
  rmSync(dirname(dir), { recursive: true, force: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  cpSync(join(SAMPLE, 'issue.yaml'), join(dir, 'issue.yaml'));
  const sentences = readdirSync(join(SAMPLE, 'articles'))
    .flatMap((f) =>
      readFileSync(join(SAMPLE, 'articles', f), 'utf8')
        .split(/^---$/m)[2]
        .replace(/[#*>-]/g, '')
        .split(/(?<=[。；！？])/),
    )
    .map((x) => x.trim())
    .filter((x) => x.length > 8);
  let seed = 1;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const parts = ['---\ntitle: 很长的文章\n---\n'];
  let size = 0;
  for (let k = 1; size < bytes; k++) {
    const p =
      (k % 40 === 1 ? `## ${k}、第${k}部分\n\n` : '') +
      Array.from({ length: 4 }, () => sentences[Math.floor(rnd() * sentences.length)]).join('') +
      `（第${k}段）`;
    parts.push(p);
    size += Buffer.byteLength(p) + 2;
  }
  writeFileSync(join(dir, 'articles', '01-long.md'), parts.join('\n\n') + '\n');
  return dir;
}

function pageCount(pdf) {
  const m = /\/Type \/Pages[^>]*\/Count (\d+)/.exec(readFileSync(pdf, 'latin1'));
  return m ? Number(m[1]) : '?';
}

const size = statSync(join(OUT, 'bench.pdf')).size;
writeFileSync(join(OUT, 'last-size.txt'), String(size));

previewBench();
archiveBench();
