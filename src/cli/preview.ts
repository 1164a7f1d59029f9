// `bulletin preview <issue-dir>`: argument parsing and the terminal's side of the preview
// server. Runs until Ctrl+C (exit 0); 1 when the folder is missing or the port is taken,
// 2 for wrong usage.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { t, type Lang, type Params } from '../core/text.js';
import type { Parsed } from './commands.js';

const DEFAULT_PORT = 4800;

/** Opens the system's browser on the URL; a failure is only a hint on the terminal. */
function openBrowser(url: string, lang: Lang): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`bulletin preview: ${t('preview.no-browser', { url }).in(lang)}\n`));
    child.unref();
  } catch {
    process.stderr.write(`bulletin preview: ${t('preview.no-browser', { url }).in(lang)}\n`);
  }
}

const clock = (): string => new Date().toTimeString().slice(0, 8);

export async function runPreview(args: Parsed, lang: Lang): Promise<number> {
  const say = (key: string, params?: Params): string => t(key, params).in(lang);
  const v = args.values;
  const parsed = {
    dir: args.dir,
    port: v.port === undefined ? undefined : Number(v.port),
    host: (v.host as string | undefined) ?? '127.0.0.1',
    open: !!v.open,
    watermark: !v['no-watermark'],
  };
  if (!existsSync(parsed.dir) || !statSync(parsed.dir).isDirectory()) {
    process.stderr.write(`${parsed.dir}: ${say('cli.severity.error')}: ${say('preview.no-folder')}\n`);
    return 1;
  }
  const { PreviewServer } = await import('../preview/server.js');
  const { formatDiagnostic } = await import('../source/diagnostics.js');
  // The default port moves on when taken (another preview runs); a port asked for does not.
  const ports = parsed.port !== undefined ? [parsed.port] : Array.from({ length: 20 }, (_, k) => DEFAULT_PORT + k);
  let server: InstanceType<typeof PreviewServer> | undefined;
  for (const port of ports) {
    const s = new PreviewServer({ issueDir: parsed.dir, port, host: parsed.host, watermark: parsed.watermark });
    s.session.on('log', (line) => process.stderr.write(`bulletin preview: ${line}\n`));
    let first = true;
    s.session.on('state', (st) => {
      const what = first
        ? say('preview.first')
        : say('preview.after', { changed: st.changed.join(', ') || say('preview.changed') });
      first = false;
      if (st.ok) {
        const w = st.warnings
          ? say(st.warnings === 1 ? 'preview.warnings.one' : 'preview.warnings', { n: st.warnings })
          : '';
        process.stdout.write(`${clock()} ${what} ${say('preview.built', { pages: st.pages.length, ms: st.ms })}${w}\n`);
      } else {
        const errors = say(st.errors === 1 ? 'report.errors.one' : 'report.errors', { n: st.errors });
        process.stdout.write(
          `${clock()} ${what} ${say(st.pdfVersion ? 'preview.failed.kept' : 'preview.failed.none', { errors })}\n`,
        );
        for (const d of st.diagnostics)
          if (d.severity === 'error') process.stdout.write(`  ${formatDiagnostic(d, lang)}\n`);
      }
    });
    try {
      await s.listen();
      server = s;
      break;
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      await s.close().catch(() => undefined);
      if (err.code === 'EADDRINUSE' && port !== ports[ports.length - 1]) continue;
      if (err.code === 'EADDRINUSE')
        process.stderr.write(`bulletin preview: ${say('preview.port-in-use', { port })}\n`);
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND')
        process.stderr.write(`bulletin preview: ${say('preview.no-address', { host: parsed.host })}\n`);
      else if (err.code === 'EACCES')
        process.stderr.write(`bulletin preview: ${say('preview.port-denied', { port })}\n`);
      else throw e;
      return 1;
    }
  }
  if (!server) return 1;
  // Ctrl+C is listened for before anything is announced: a stop right after the first line
  // still closes the server cleanly.
  const running = server;
  const stopped = new Promise<void>((resolve) => {
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running.close().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  process.stdout.write(
    `bulletin preview: ${say('preview.serving', { issue: server.session.state.issue, url: server.url })}\n`,
  );
  if (parsed.host !== '127.0.0.1' && parsed.host !== 'localhost') {
    process.stderr.write(
      `bulletin preview: ${say('cli.severity.warning')}: ${say('preview.open-host', { host: parsed.host, port: server.port })}\n`,
    );
  }
  process.stdout.write(say('preview.watching') + '\n');
  if (parsed.open) openBrowser(server.url, lang);
  await running.session.start();
  await stopped;
  return 0;
}
