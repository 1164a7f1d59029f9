#!/usr/bin/env node
// The preview's rebuilds, timed as an editor meets them: from an article's save (written to
// a temporary file and renamed, as editors do) to the new PDF bytes being ready in the
// preview server's session, the debounce's quiet time taken out. Prints figures, asserts
// nothing. Run alone with `node --expose-gc bench/preview.js [edits-for-memory]`, or as part
// of `npm run bench`.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'bench', 'out');
const SAMPLE = join(ROOT, 'issues', '2023-06');
// The six articles Typst is timed against (../shared/tools/typst-side-by-side).
const SEED = join(ROOT, '..', 'shared', 'tools', 'typst-side-by-side', 'seed-issue');
const EDITS = 20;
const MEMORY_EDITS = Number(process.argv[2] ?? process.env.BENCH_PREVIEW_EDITS ?? 1000);

const { PreviewSession, DEBOUNCE_MS } = await import(join(ROOT, 'lib', 'preview', 'session.js'));
const { build } = await import(join(ROOT, 'lib', 'index.js'));
const { pageCacheStats } = await import(join(ROOT, 'lib', 'render', 'page-cache.js'));
const { blocksCacheStats } = await import(join(ROOT, 'lib', 'pipeline', 'blocks-cache.js'));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (v) => `${v.toFixed(0).padStart(5)} ms`;

/** An issue folder of `from`'s articles repeated `times` times, numbered 001-, 002-, … */
function repeated(from, times, name) {
  const dir = join(OUT, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'articles'), { recursive: true });
  cpSync(join(from, 'issue.yaml'), join(dir, 'issue.yaml'));
  const articles = readdirSync(join(from, 'articles'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  let n = 0;
  for (let t = 0; t < times; t++)
    for (const a of articles)
      cpSync(join(from, 'articles', a), join(dir, 'articles', `${String(++n).padStart(3, '0')}-article.md`));
  return dir;
}

/** Saves as editors' programs do: a temporary file renamed over the article. */
function save(file, text) {
  writeFileSync(`${file}.bench-tmp`, text);
  renameSync(`${file}.bench-tmp`, file);
}

/**
 * One paragraph changed: a few characters put into the first paragraph of the article's
 * body (a different few each time, so every save really changes the text).
 */
function editor(file) {
  const text = readFileSync(file, 'utf8');
  const close = text.indexOf('\n---', 3) + 4;
  const para = text.indexOf('\n\n', close) + 2;
  const at = para + 4;
  let k = 0;
  return {
    next: () => `${text.slice(0, at)}（第${++k}稿）${text.slice(at)}`,
    restore: () => save(file, text),
  };
}

function waitForState(session, after) {
  return new Promise((resolve) => {
    const on = (s) => {
      if (s.version <= after) return;
      session.off('state', on);
      resolve({ state: s, at: performance.now(), run: session.lastRun });
    };
    session.on('state', on);
  });
}

/** Saves and waits for the build: save → bytes, debounce excluded; and the build alone. */
async function edit(session, file, text) {
  const version = session.state.version;
  const saved = performance.now();
  const done = waitForState(session, version);
  save(file, text);
  const { state, at, run } = await done;
  if (!state.ok)
    throw new Error(
      `the edit did not build: ${JSON.stringify(state.diagnostics.filter((d) => d.severity === 'error'))}`,
    );
  const debounce = run.started - run.lastEvent;
  return { total: at - saved - debounce, build: run.finished - run.started, watch: run.lastEvent - saved };
}

async function timeIssue(label, dir) {
  const articles = readdirSync(join(dir, 'articles'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const session = new PreviewSession({ issueDir: dir });
  const t0 = performance.now();
  await session.start();
  const first = performance.now() - t0;
  const pages = session.state.pages.length;
  console.log(`${label}: ${articles.length} articles, ${pages} pages; first build in the session ${ms(first)}`);
  for (const [where, name] of [
    ['start', articles[0]],
    ['end', articles[articles.length - 1]],
  ]) {
    const file = join(dir, 'articles', name);
    const ed = editor(file);
    for (let w = 0; w < 3; w++) await edit(session, file, ed.next()); // warm-up
    const runs = [];
    const pages = { ...pageCacheStats };
    const blocks = { ...blocksCacheStats };
    const cpu = process.cpuUsage();
    for (let i = 0; i < EDITS; i++) runs.push(await edit(session, file, ed.next()));
    const used = process.cpuUsage(cpu);
    const replayed = (pageCacheStats.replayed - pages.replayed) / EDITS;
    const drawn = (pageCacheStats.drawn - pages.drawn) / EDITS;
    // (counted before the restoring build below)
    const pagesNow = { ...pageCacheStats };
    const blocksNow = { ...blocksCacheStats };
    const per = (key, now, before) => ((now[key] - before[key]) / EDITS).toFixed(0);
    ed.restore();
    await waitForState(session, session.state.version);
    const total = runs.map((r) => r.total);
    console.log(
      `  edit near the ${where.padEnd(5)} save → PDF bytes: median ${ms(median(total))}, worst ${ms(Math.max(...total))}` +
        `   (of which build: median ${ms(median(runs.map((r) => r.build)))}; watch latency median ${median(runs.map((r) => r.watch)).toFixed(1)} ms)`,
    );
    console.log(
      `    CPU per edit ${((used.user + used.system) / 1000 / EDITS).toFixed(0)} ms; pages per edit: ${replayed.toFixed(0)} replayed` +
        ` (${per('quick', pagesNow, pages)} without a glyph looked up, ${per('unzipped', pagesNow, pages)} not compressed again),` +
        ` ${drawn.toFixed(0)} drawn afresh; articles per edit: ${per('set', blocksNow, blocks)} set, ${per('reused', blocksNow, blocks)} kept`,
    );
  }
  console.log(
    `  builds ${session.stats.builds}, published ${session.stats.published}, superseded ${session.stats.superseded}`,
  );
  session.close();
}

async function memory(dir, edits) {
  const articles = readdirSync(join(dir, 'articles'))
    .filter((f) => f.endsWith('.md'))
    .sort();
  const files = [articles[0], articles[articles.length - 1]].map((a) => join(dir, 'articles', a));
  const eds = files.map(editor);
  const session = new PreviewSession({ issueDir: dir });
  await session.start();
  const mb = (b) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const sample = () => {
    globalThis.gc?.();
    const m = process.memoryUsage();
    return { rss: m.rss, heap: m.heapUsed };
  };
  const marks = [];
  marks.push([0, sample()]);
  // save → bytes of the last fifth of the edits, near the start and near the end: an editor's
  // session well under way (the 20 edits above come just after it opened)
  const late = [[], []]; // [near the start (files[0]), near the end]
  for (let i = 1; i <= edits; i++) {
    const r = await edit(session, files[i % 2], eds[i % 2].next());
    if (i > edits - Math.floor(edits / 5)) late[i % 2].push(r.total);
    if (i % Math.max(1, Math.floor(edits / 4)) === 0) marks.push([i, sample()]);
  }
  for (const e of eds) e.restore();
  session.close();
  console.log(
    `memory over ${edits} edits of the sample (RSS / JS heap after GC${globalThis.gc ? '' : ' — run with --expose-gc for the heap after GC'}):`,
  );
  console.log('  ' + marks.map(([i, m]) => `after ${i}: ${mb(m.rss)} / ${mb(m.heap)}`).join(';  '));
  if (late[0].length && late[1].length)
    console.log(
      `  save → PDF bytes over the last ${late[0].length + late[1].length} of them: near the start median ${ms(median(late[0]))}, worst ${ms(Math.max(...late[0]))};` +
        ` near the end median ${ms(median(late[1]))}, worst ${ms(Math.max(...late[1]))}`,
    );
}

/** Issue 10's warm build: the same issue built again in the same process, nothing changed. */
async function unchanged(label, dir) {
  const t0 = performance.now();
  await build(dir, { draft: true });
  const first = performance.now() - t0;
  const times = [];
  for (let i = 0; i < EDITS; i++) {
    const t = performance.now();
    await build(dir, { draft: true });
    times.push(performance.now() - t);
  }
  console.log(
    `${label}: in-process build ${ms(first)} first; unchanged second build median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms (of ${EDITS})`,
  );
}

mkdirSync(OUT, { recursive: true });
console.log(
  `preview rebuilds — node ${process.version}; debounce ${DEBOUNCE_MS} ms (excluded below; the session collects garbage in it); ${EDITS} edits each, after 3 warm-up edits\n`,
);
const sample = repeated(SAMPLE, 1, 'preview-sample');
await unchanged('sample (issues/2023-06)', sample);
await timeIssue('sample (issues/2023-06)', sample);
let stress;
if (existsSync(SEED)) {
  stress = repeated(SEED, 30, 'preview-stress');
  await unchanged('stress', stress);
  await timeIssue('stress: the six seed articles ×30', stress);
} else {
  stress = repeated(SAMPLE, 36, 'preview-stress');
  await timeIssue(`stress: the sample's articles ×36 (${SEED} not found)`, stress);
}
if (MEMORY_EDITS > 0) await memory(sample, MEMORY_EDITS);
