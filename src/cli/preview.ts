// `bulletin preview <issue-dir>`: argument parsing and the terminal's side of the preview
// server. Runs until Ctrl+C (exit 0); 1 when the folder is missing or the port is taken,
// 2 for wrong usage.
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { closest } from '../source/fields.js';

export const PREVIEW_HELP = `bulletin preview <issue-dir> [options]

Serves a live preview of the issue in <issue-dir> to your browser: every page as it will
print, rebuilt on every save of an article, image, issue.yaml, the template or
fonts/fonts.yaml; the pages that changed are marked, and problems are listed beside them.
Pages carry a 样稿 (draft) watermark.

Options:
  --port <n>         port to listen on (default 4800, or the next free one; 0: any)
  --open             open the preview in the system's browser
  --host <address>   listen on this address instead of 127.0.0.1, e.g. 0.0.0.0 to let
                     others on the office network look (anyone who can reach this
                     machine can then read the issue)
  --no-watermark     pages without the 样稿 watermark
  -h, --help         show this help

Stop it with Ctrl+C.`;

const OPTIONS = ['--port', '--open', '--host', '--no-watermark', '--help'];
const DEFAULT_PORT = 4800;

class UsageError extends Error {}

interface PreviewArgs {
  dir: string;
  port?: number;
  host: string;
  open: boolean;
  watermark: boolean;
}

function parsePreview(args: string[]): PreviewArgs | 'help' {
  const out: PreviewArgs = { dir: '', host: '127.0.0.1', open: false, watermark: true };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (name: string): string => {
      const v = a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i];
      if (v === undefined || v === '') throw new UsageError(`${name} needs a value`);
      return v;
    };
    if (a === '-h' || a === '--help') return 'help';
    else if (a === '--open') out.open = true;
    else if (a === '--no-watermark') out.watermark = false;
    else if (a === '--port' || a.startsWith('--port=')) {
      const v = value('--port');
      if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port needs a port number (0–65535), not "${v}"`);
      out.port = Number(v);
    } else if (a === '--host' || a.startsWith('--host=')) out.host = value('--host');
    else if (a.startsWith('-')) {
      const hint = closest(a.replace(/=.*/, ''), OPTIONS);
      throw new UsageError(`unknown option ${a}` + (hint ? `; did you mean ${hint}?` : ''));
    } else if (!out.dir) out.dir = a;
    else throw new UsageError(`unexpected argument ${a}`);
  }
  if (!out.dir) throw new UsageError('preview needs an issue folder, e.g. bulletin preview issues/2023-06');
  return out;
}

/** Opens the system's browser on the URL; a failure is only a hint on the terminal. */
function openBrowser(url: string): void {
  const [cmd, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '""', url]] : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args, { stdio: 'ignore', detached: true });
    child.on('error', () => process.stderr.write(`bulletin preview: could not open a browser; open ${url} yourself\n`));
    child.unref();
  } catch {
    process.stderr.write(`bulletin preview: could not open a browser; open ${url} yourself\n`);
  }
}

const clock = (): string => new Date().toTimeString().slice(0, 8);

export async function runPreview(args: string[]): Promise<number> {
  let parsed: PreviewArgs | 'help';
  try {
    parsed = parsePreview(args);
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`bulletin preview: ${e.message}\n\n${PREVIEW_HELP}\n`);
      return 2;
    }
    throw e;
  }
  if (parsed === 'help') {
    process.stdout.write(PREVIEW_HELP + '\n');
    return 0;
  }
  if (!existsSync(parsed.dir) || !statSync(parsed.dir).isDirectory()) {
    process.stderr.write(`${parsed.dir}: error: no such issue folder (give the path of a folder holding issue.yaml and articles/)\n`);
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
      const what = first ? 'first build:' : `${st.changed.join(', ') || 'changed'} →`;
      first = false;
      if (st.ok) {
        const w = st.warnings ? `, ${st.warnings} warning${st.warnings === 1 ? '' : 's'}` : '';
        process.stdout.write(`${clock()} ${what} ${st.pages.length} pages in ${st.ms} ms${w}\n`);
      } else {
        process.stdout.write(`${clock()} ${what} ${st.errors} error${st.errors === 1 ? '' : 's'}${st.pdfVersion ? '; the last good pages stay on screen' : '; no pages yet'}\n`);
        for (const d of st.diagnostics) if (d.severity === 'error') process.stdout.write(`  ${formatDiagnostic(d)}\n`);
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
      if (err.code === 'EADDRINUSE') process.stderr.write(`bulletin preview: port ${port} is in use (choose another with --port)\n`);
      else if (err.code === 'EADDRNOTAVAIL' || err.code === 'ENOTFOUND') process.stderr.write(`bulletin preview: cannot listen on ${parsed.host}: no such address on this machine (see --host)\n`);
      else if (err.code === 'EACCES') process.stderr.write(`bulletin preview: not allowed to listen on port ${port} (choose one above 1024 with --port)\n`);
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
  process.stdout.write(`bulletin preview: ${server.session.state.issue} at ${server.url}\n`);
  if (parsed.host !== '127.0.0.1' && parsed.host !== 'localhost') {
    process.stderr.write(`bulletin preview: warning: listening on ${parsed.host}: anyone who can reach this machine on port ${server.port} can read the issue\n`);
  }
  process.stdout.write('watching the issue folder, the templates and fonts/fonts.yaml; Ctrl+C to stop\n');
  if (parsed.open) openBrowser(server.url);
  await running.session.start();
  await stopped;
  return 0;
}
