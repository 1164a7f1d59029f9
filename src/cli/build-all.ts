// `bulletin build --all [archive-dir]`: the archive's every issue into dist/, with a
// progress line on a terminal (a plain line per issue otherwise) and a summary. Exit codes:
// 0 every issue built or skipped, 1 one or more failed, 2 wrong usage (commands.ts).
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { t, type Lang, type Params } from '../core/text.js';
import type { Parsed } from './commands.js';
import { BatchProgress } from './progress.js';

export async function runBuildAll(parsed: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const v = parsed.values;
  const quiet = !!v.quiet;
  const archive = (parsed.dir || 'issues').replace(/[\\/]+$/, '');
  const { ROOT, VERSION } = await import('../index.js');
  const { buildAll } = await import('../archive/build-all.js');
  const { issueFolders } = await import('../archive/new-issue.js');
  const { setPoolSize } = await import('../archive/pool.js');
  if (v.jobs) setPoolSize(Number(v.jobs));
  const total = existsSync(archive) ? issueFolders(archive).length : 0;
  if (!total) {
    process.stderr.write(say('all.none', { dir: archive }) + '\n');
    return 1;
  }
  // Piped into head or less that quits early: stop quietly, as a shell command does.
  for (const stream of [process.stdout, process.stderr])
    stream.on('error', (e: NodeJS.ErrnoException) => e.code === 'EPIPE' && process.exit(1));
  const t0 = performance.now();
  const progress = new BatchProgress(process.stderr, total, { quiet, lang });
  // The line appears after a second even while every worker is still on its first issue.
  const timer = setInterval(progress.tick, 250);
  timer.unref();
  const result = await buildAll(archive, {
    root: ROOT,
    version: VERSION,
    dist: (v.dist as string | undefined) ?? 'dist',
    force: !!v.force,
    lang,
    onStart: (name) => progress.started(name),
    onDone: (name, r) => {
      if (r.status === 'failed') {
        const n = r.outcome.errors.length;
        const reason = r.outcome.internal
          ? say('all.reason.internal')
          : n > 1
            ? say('all.reason.errors', { count: n })
            : say('all.reason.error');
        progress.finishedOne(name, say('all.failed', { name, reason }), process.stderr);
      } else if (quiet) progress.finishedOne(name);
      else if (r.status === 'built') {
        const o = r.outcome;
        progress.finishedOne(
          name,
          say(o.recorded ? 'all.built.recorded' : 'all.built', {
            name,
            pages: o.pages,
            kb: Math.round(o.bytes / 1024),
            secs: (o.ms / 1000).toFixed(2),
          }),
          process.stdout,
        );
      } else progress.finishedOne(name, say('all.skipped', { name }), process.stdout);
    },
  });
  clearInterval(timer);
  progress.done();
  const secs = ((performance.now() - t0) / 1000).toFixed(2);
  const n = result.issues.length;
  process.stdout.write(
    say(n === 1 ? 'all.summary.one' : 'all.summary', {
      total: n,
      built: result.built,
      skipped: result.skipped,
      failed: result.failed,
      secs,
    }) + '\n',
  );
  // Failures with their reasons, after the summary: what to fix, issue by issue.
  for (const { name, result: r } of result.issues) {
    if (r.status !== 'failed') continue;
    const shown = r.outcome.errors.length ? r.outcome.errors : [r.outcome.reason];
    for (const e of shown.slice(0, 5)) process.stderr.write(`  ${name}: ${e}\n`);
    if (shown.length > 5)
      process.stderr.write(
        `  ${name}: ${say('all.more', { count: shown.length - 5, command: `bulletin build ${archive}/${name}` })}\n`,
      );
  }
  return result.failed ? 1 : 0;
}
