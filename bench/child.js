// One build in a fresh process; reports its own figures as JSON on standard output.
//   child.js <issue> <out.pdf>            the command's whole build (`bulletin build`), peak memory
//   child.js --twice <issue>              in-process: the first build (modules loading, code
//                                         not yet optimised) and a second of the same issue
//   child.js --stages <issue>             the first build's time by stage, from the sampling profiler
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [mode, ...rest] = process.argv.slice(2);

if (mode === '--twice') {
  const t0 = performance.now();
  const { build } = await import(join(ROOT, 'lib', 'index.js'));
  const loaded = performance.now() - t0;
  const t1 = performance.now();
  await build(rest[0]);
  const first = performance.now() - t1;
  const t2 = performance.now();
  const r = await build(rest[0]);
  const second = performance.now() - t2;
  process.stdout.write(
    JSON.stringify({ loaded, first, second, pages: r.pages, maxRSS: process.resourceUsage().maxRSS }),
  );
} else if (mode === '--stages') {
  process.stdout.write(JSON.stringify(await stages(rest[0])));
} else {
  // as bin/bulletin.js runs it: the bundle, with its code cache
  const { loadBundle } = await import('../bin/bundle-loader.js');
  const bundle = loadBundle('build');
  const [issue, out] = [mode, ...rest];
  const code = await bundle.exports.main(['build', issue, '-o', out, '--quiet']);
  if (code !== 0) process.exit(code);
  bundle.save();
  const pdf = readFileSync(out);
  const pages = pdf.toString('latin1').match(/\/Type \/Page\b/g)?.length ?? 0;
  process.stdout.write(JSON.stringify({ pages, bytes: pdf.length, maxRSS: process.resourceUsage().maxRSS }));
}

/**
 * Profiler time (ms) of one first build, by stage: each sample goes to the innermost stage function on
 * its stack (a stage's time excludes the stages inside it); the rest of layoutIssue is the
 * pagination and page furniture. Module loading is timed apart, before the build.
 */
async function stages(issue) {
  const STAGE = {
    loadIssue: 'load (read, parse)',
    loadTemplate: 'template and fonts',
    load: 'template and fonts', // FontRegistry.load
    articleBlocks: 'compose (articles)',
    coverItems: 'compose (cover, contents)',
    layoutIssue: 'paginate and furniture',
    proofread: 'checks',
    renderPdf: 'render (PDF)',
  };
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 200 });
  await session.post('Profiler.start');
  const t0 = performance.now();
  const { build } = await import(join(ROOT, 'lib', 'index.js'));
  const loadedAt = performance.now() - t0;
  await build(issue);
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const out = {};
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i];
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    let stage;
    for (let id = profile.samples[i]; id !== undefined && !stage; id = parent.get(id)) {
      const f = byId.get(id).callFrame;
      if (f.url.includes('/lib/')) stage = STAGE[f.functionName];
    }
    const name =
      (t - profile.startTime) / 1000 < loadedAt
        ? 'modules loading'
        : (stage ?? (byId.get(profile.samples[i]).callFrame.functionName === '(idle)' ? 'idle' : 'other'));
    out[name] = (out[name] ?? 0) + ms;
  }
  delete out.idle;
  return out;
}
