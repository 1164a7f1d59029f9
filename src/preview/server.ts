// The preview's HTTP server (Node's own http): the page and its scripts, pdf.js from the
// pdfjs-dist package, the current PDF, and a stream of server-sent events announcing each
// build. It serves nothing else: no file of the issue folder, no path built from a request
// without resolveUnder's checks.
import { createReadStream } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join } from 'node:path';
import { ROOT } from '../index.js';
import { requestPath, resolveUnder } from './paths.js';
import { PreviewSession, type PreviewState, type SessionOptions } from './session.js';

export interface ServerOptions extends SessionOptions {
  /** 0: any free port. */
  port: number;
  host: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.wasm': 'application/wasm',
  '.bcmap': 'application/octet-stream',
  '.pfb': 'application/octet-stream',
  '.ttf': 'font/ttf',
  '.icc': 'application/vnd.iccprofile',
};

function pdfjsDir(): string {
  try {
    return dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  } catch {
    return join(ROOT, 'node_modules', 'pdfjs-dist');
  }
}

/** URL prefix → the folder it serves. The legacy build runs in older browsers too (offices). */
export function assetRoots(root = ROOT): [string, string][] {
  const pdfjs = pdfjsDir();
  return [
    ['/assets/', join(root, 'assets', 'preview')],
    ['/pdfjs/build/', join(pdfjs, 'legacy', 'build')],
    ['/pdfjs/web/', join(pdfjs, 'web')],
    ['/pdfjs/cmaps/', join(pdfjs, 'cmaps')],
    ['/pdfjs/standard_fonts/', join(pdfjs, 'standard_fonts')],
    ['/pdfjs/wasm/', join(pdfjs, 'wasm')],
    ['/pdfjs/iccs/', join(pdfjs, 'iccs')],
  ];
}

/** The state as the page gets it. */
function stateJson(s: PreviewState): string {
  return JSON.stringify(s);
}

export class PreviewServer {
  readonly session: PreviewSession;
  private readonly server: Server;
  private readonly streams = new Set<ServerResponse>();
  private heartbeat: NodeJS.Timeout | null = null;
  private readonly roots: [string, string][];
  private loopbackOnly: boolean;
  url = '';

  constructor(private readonly o: ServerOptions) {
    this.session = new PreviewSession(o);
    this.roots = assetRoots(this.session.root);
    this.loopbackOnly = isLoopback(o.host);
    this.server = createServer((req, res) => {
      try {
        this.handle(req, res);
      } catch (e) {
        this.session.emit('log', `internal error serving ${req.url}: ${(e as Error).stack}`);
        if (!res.headersSent) res.writeHead(500);
        res.end();
      }
    });
    this.session.on('state', (s) => this.broadcast(`event: state\ndata: ${stateJson(s)}\n\n`));
    this.session.on('building', () => this.broadcast('event: building\ndata: {}\n\n'));
  }

  /** Listens, builds once, starts watching; resolves when the first build is published. */
  async start(): Promise<void> {
    await this.listen();
    await this.session.start();
  }

  /** Listens (the page says "building…" until the first build is published). */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(this.o.port, this.o.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const a = this.server.address() as AddressInfo;
    const host = a.family === 'IPv6' ? `[${a.address}]` : a.address;
    this.url = `http://${host === '0.0.0.0' || host === '[::]' ? '127.0.0.1' : host}:${a.port}/`;
    this.heartbeat = setInterval(() => {
      for (const r of this.streams) r.write(': keep-alive\n\n');
    }, 15_000);
    this.heartbeat.unref();
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async close(): Promise<void> {
    this.session.close();
    if (this.heartbeat) clearInterval(this.heartbeat);
    for (const r of this.streams) r.end();
    this.streams.clear();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private broadcast(msg: string): void {
    for (const r of this.streams) r.write(msg);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    // A page elsewhere on the web could otherwise reach this server through a name that
    // resolves to 127.0.0.1 (DNS rebinding) and read the issue.
    if (this.loopbackOnly && !isLoopbackHost(req.headers.host))
      return this.fail(res, 403, 'this preview answers only to 127.0.0.1 and localhost');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return this.fail(res, 405, 'method not allowed');
    }
    const path = requestPath(req.url);
    if (path === '/' || path === '/index.html')
      return this.file(req, res, join(this.roots[0][1], 'index.html'), 'no-cache');
    if (path === '/events') return this.events(req, res);
    if (path === '/state')
      return this.send(req, res, 200, TYPES['.json'], Buffer.from(stateJson(this.session.state)), 'no-store');
    if (path === '/issue.pdf') return this.pdf(req, res);
    for (const [prefix, dir] of this.roots) {
      if (!path.startsWith(prefix)) continue;
      const r = resolveUnder(dir, path.slice(prefix.length));
      if (!r.ok) return this.fail(res, r.status, r.status === 404 ? 'not found' : 'refused');
      // pdf.js is the installed package's: it changes only with npm; the page's own files may change.
      return this.file(req, res, r.file, prefix.startsWith('/pdfjs/') ? 'max-age=3600' : 'no-cache');
    }
    this.fail(res, 404, 'not found');
  }

  private fail(res: ServerResponse, status: number, why: string): void {
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(`${status} ${why}\n`);
  }

  private send(
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    type: string,
    body: Buffer,
    cache: string,
    extra: Record<string, string> = {},
  ): void {
    res.writeHead(status, { 'Content-Type': type, 'Content-Length': body.length, 'Cache-Control': cache, ...extra });
    res.end(req.method === 'HEAD' ? undefined : body);
  }

  private file(req: IncomingMessage, res: ServerResponse, file: string, cache: string): void {
    const type = TYPES[extname(file)] ?? 'application/octet-stream';
    const stream = createReadStream(file);
    stream.on('open', () => {
      res.writeHead(200, { 'Content-Type': type, 'Cache-Control': cache });
      if (req.method === 'HEAD') {
        stream.destroy();
        res.end();
      } else stream.pipe(res);
    });
    stream.on('error', () => {
      if (!res.headersSent) this.fail(res, 404, 'not found');
      else res.destroy();
    });
  }

  private pdf(req: IncomingMessage, res: ServerResponse): void {
    const pdf = this.session.pdf;
    if (!pdf) return this.fail(res, 404, 'no PDF yet: the issue has errors');
    const s = this.session.state;
    const name = `${s.issue}${s.watermark ? '-draft' : ''}.pdf`;
    const download = /[?&]download\b/.test(req.url ?? '');
    const disposition = `${download ? 'attachment' : 'inline'}; filename="${name.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;
    this.send(req, res, 200, 'application/pdf', pdf, 'no-store', {
      'Content-Disposition': disposition,
      'X-Build': String(s.pdfVersion),
    });
  }

  private events(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
    });
    res.write(`retry: 1000\nevent: state\ndata: ${stateJson(this.session.state)}\n\n`);
    this.streams.add(res);
    req.on('close', () => this.streams.delete(res));
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

function isLoopbackHost(header: string | undefined): boolean {
  if (!header) return false;
  const name = header
    .replace(/:\d+$/, '')
    .replace(/^\[(.*)\]$/, '$1')
    .toLowerCase();
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
}

export async function startPreview(o: ServerOptions): Promise<PreviewServer> {
  const s = new PreviewServer(o);
  await s.start();
  return s;
}
