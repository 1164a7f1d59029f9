// `bulletin build --all [archive-dir]`: the archive's every issue into dist/, with a
// progress line on a terminal (a plain line per issue otherwise) and a summary. Exit codes:
// 0 every issue built or skipped, 1 one or more failed, 2 wrong usage.
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

export const BUILD_ALL_HELP = `bulletin build --all [archive-dir] [options]

Builds every issue folder in archive-dir (default issues/; folders named like 2023-06)
into dist/<folder>.pdf, several at once (one worker thread per core), skipping issues
whose inputs — their files, the template, the fonts, the tool — have not changed since
their last build there. An issue's build.json is written when it has none. One issue
failing does not stop the others.

Options:
  --dist <dir>   where the PDFs go (default: dist)
  --jobs <n>     how many issues at once (default: the machine's cores, or BULLETIN_JOBS)
  --force        build every issue, changed or not
  -q, --quiet    print only failures and the summary
  -h, --help     show this help

Exit status: 0 every issue built or skipped, 1 one or more failed, 2 wrong usage.`;

const MESSAGES = {
  none: (dir: string) => `${dir}: no issue folders (named like 2023-06, holding issue.yaml) to build`,
  built: (name: string, pages: number, kb: number, secs: string, recorded: boolean) => `${name}: built, ${pages} pages, ${kb} KB, ${secs} s${recorded ? ' (build.json recorded)' : ''}`,
  skipped: (name: string) => `${name}: skipped (unchanged)`,
  failed: (name: string, reason: string) => `${name}: FAILED (${reason})`,
  progress: (done: number, total: number, running: string[]) => `[${done}/${total}] ${running.length ? `building ${running.join(', ')}` : ''}`,
  summary: (total: number, built: number, skipped: number, failed: number, secs: string) => `${total} issue${total === 1 ? '' : 's'}: ${built} built, ${skipped} skipped, ${failed} failed, ${secs} s`,
};

export async function runBuildAll(args: string[]): Promise<number> {
  let values: { dist?: string; jobs?: string; force?: boolean; quiet?: boolean; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { dist: { type: 'string' }, jobs: { type: 'string' }, force: { type: 'boolean' }, quiet: { type: 'boolean', short: 'q' }, help: { type: 'boolean', short: 'h' } },
    }));
    if (positionals.length > 1) throw new Error(`unexpected argument ${positionals[1]}`);
    if (values.jobs !== undefined && !/^[1-9]\d*$/.test(values.jobs)) throw new Error(`--jobs needs a whole number above 0, not "${values.jobs}"`);
  } catch (e) {
    process.stderr.write(`bulletin build --all: ${(e as Error).message}\n\n${BUILD_ALL_HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(BUILD_ALL_HELP + '\n');
    return 0;
  }
  const archive = (positionals[0] ?? 'issues').replace(/[\\/]+$/, '');
  const { ROOT, VERSION } = await import('../index.js');
  const { buildAll } = await import('../archive/build-all.js');
  const { issueFolders } = await import('../archive/new-issue.js');
  const { setPoolSize } = await import('../archive/pool.js');
  if (values.jobs) setPoolSize(Number(values.jobs));
  const total = existsSync(archive) ? issueFolders(archive).length : 0;
  if (!total) {
    process.stderr.write(MESSAGES.none(archive) + '\n');
    return 1;
  }
  // Piped into head or less that quits early: stop quietly, as a shell command does.
  for (const stream of [process.stdout, process.stderr]) stream.on('error', (e: NodeJS.ErrnoException) => e.code === 'EPIPE' && process.exit(1));
  const t0 = performance.now();
  const tty = !!process.stderr.isTTY && !values.quiet;
  const running = new Set<string>();
  let done = 0;
  const redraw = () => {
    if (tty) process.stderr.write(`\r\x1b[2K${MESSAGES.progress(done, total, [...running])}`);
  };
  // On a terminal the progress line is redrawn in place; lines about issues are printed above it.
  const say = (line: string, toErr = false) => {
    if (tty) process.stderr.write('\r\x1b[2K');
    (toErr ? process.stderr : process.stdout).write(line + '\n');
    redraw();
  };
  const result = await buildAll(archive, {
    root: ROOT,
    version: VERSION,
    dist: values.dist ?? 'dist',
    force: values.force,
    onStart: (name) => {
      running.add(name);
      redraw();
    },
    onDone: (name, r) => {
      running.delete(name);
      done++;
      if (r.status === 'failed') say(MESSAGES.failed(name, r.outcome.errors.length > 1 ? `${r.outcome.errors.length} errors` : r.outcome.internal ? 'internal error' : '1 error'), true);
      else if (!values.quiet) say(r.status === 'built' ? MESSAGES.built(name, r.outcome.pages, Math.round(r.outcome.bytes / 1024), (r.outcome.ms / 1000).toFixed(2), r.outcome.recorded) : MESSAGES.skipped(name));
      else redraw();
    },
  });
  if (tty) process.stderr.write('\r\x1b[2K');
  process.stdout.write(MESSAGES.summary(result.issues.length, result.built, result.skipped, result.failed, ((performance.now() - t0) / 1000).toFixed(2)) + '\n');
  // Failures with their reasons, after the summary: what to fix, issue by issue.
  for (const { name, result: r } of result.issues) {
    if (r.status !== 'failed') continue;
    const shown = r.outcome.errors.length ? r.outcome.errors : [r.outcome.reason];
    for (const e of shown.slice(0, 5)) process.stderr.write(`  ${name}: ${e}\n`);
    if (shown.length > 5) process.stderr.write(`  ${name}: … and ${shown.length - 5} more (bulletin build ${archive}/${name})\n`);
  }
  return result.failed ? 1 : 0;
}
