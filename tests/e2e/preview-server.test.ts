// The preview server end to end, over real HTTP on 127.0.0.1: the page and pdf.js served,
// the PDF with its 样稿 mark, a build announced by server-sent events after each save, the
// last good PDF kept while the input has errors, and nothing outside its folders served.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { get, request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewServer } from '../../src/preview/server.js';
import type { PreviewState } from '../../src/preview/session.js';
import { copyIssue, ROOT, SAMPLE } from '../helpers/build.js';
import { readPdf, squash } from '../helpers/pdf.js';

/** A raw request, exactly as written (no client tidies the path): status and body. */
function raw(
  port: number,
  path: string,
  headers: Record<string, string> = {},
  method = 'GET',
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    sock.on('data', (c) => chunks.push(c));
    sock.on('error', reject);
    sock.on('end', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const status = Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0);
      resolve({ status, body: text.slice(text.indexOf('\r\n\r\n') + 4) });
    });
    const head = { Host: `127.0.0.1:${port}`, Connection: 'close', ...headers };
    sock.write(
      `${method} ${path} HTTP/1.1\r\n${Object.entries(head)
        .map(([k, v]) => `${k}: ${v}`)
        .join('\r\n')}\r\n\r\n`,
    );
  });
}

function fetchBytes(
  url: string,
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

/** The page's side of /events: every state announced, and a way to wait for one. */
function listen(port: number) {
  const states: PreviewState[] = [];
  const waiters: { test: (s: PreviewState) => boolean; resolve: (s: PreviewState) => void }[] = [];
  let buffer = '';
  const req = request({ host: '127.0.0.1', port, path: '/events' }, (res) => {
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      buffer += chunk;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const msg = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (!/^event: state$/m.test(msg)) continue;
        const s = JSON.parse(/^data: (.*)$/m.exec(msg)![1]) as PreviewState;
        states.push(s);
        for (const w of [...waiters]) if (w.test(s)) waiters.splice(waiters.indexOf(w), 1) && w.resolve(s);
      }
    });
  });
  req.end();
  return {
    states,
    close: () => req.destroy(),
    next: (test: (s: PreviewState) => boolean) =>
      new Promise<PreviewState>((resolve, reject) => {
        const found = states.find(test);
        if (found) return resolve(found);
        const t = setTimeout(
          () => reject(new Error(`no such state; got ${JSON.stringify(states.map((s) => [s.version, s.ok]))}`)),
          30_000,
        );
        waiters.push({ test, resolve: (s) => (clearTimeout(t), resolve(s)) });
      }),
  };
}

const marks = (t: string) => [...t].filter((c) => c === '样' || c === '稿').length;

describe('the preview server', () => {
  const dir = copyIssue(SAMPLE);
  const article = join(dir, 'articles', '02-xian-chengguo-zhuanhua.md');
  const original = readFileSync(article, 'utf8');
  let server: PreviewServer;
  let base: string;
  let port: number;

  beforeAll(async () => {
    server = new PreviewServer({ issueDir: dir, port: 0, host: '127.0.0.1' });
    await server.start();
    port = server.port;
    base = `http://127.0.0.1:${port}`;
  });
  afterAll(() => server.close());

  /** An atomic save, as editors make them. */
  const save = (text: string) => {
    writeFileSync(`${article}.tmp`, text);
    renameSync(`${article}.tmp`, article);
  };

  it('serves the page, its script and pdf.js from the installed package', async () => {
    const page = await fetchBytes(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body.toString()).toContain('/assets/preview.js');
    for (const path of [
      '/assets/preview.js',
      '/assets/preview.css',
      '/pdfjs/build/pdf.mjs',
      '/pdfjs/build/pdf.worker.mjs',
      '/pdfjs/web/pdf_viewer.css',
    ]) {
      const r = await fetchBytes(base + path);
      expect(r.status, path).toBe(200);
      expect(r.body.length, path).toBeGreaterThan(1000);
    }
    const worker = await fetchBytes(`${base}/pdfjs/build/pdf.worker.mjs`);
    expect(worker.headers['content-type']).toMatch(/javascript/);
    expect(
      worker.body.equals(readFileSync(join(ROOT, 'node_modules', 'pdfjs-dist', 'legacy', 'build', 'pdf.worker.mjs'))),
    ).toBe(true);
  });

  it('serves the issue as a PDF marked 样稿 on every page, to view or to download', async () => {
    const r = await fetchBytes(`${base}/issue.pdf`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/pdf');
    const pdf = readPdf(r.body);
    expect(pdf.pages).toHaveLength(9);
    for (const p of pdf.pages)
      expect(
        marks(
          p.chars
            .filter((c) => c.size > 60)
            .map((c) => c.c)
            .join(''),
        ),
      ).toBe(2);
    const dl = await fetchBytes(`${base}/issue.pdf?download`);
    expect(dl.headers['content-disposition']).toMatch(/^attachment; filename="[^"]+-draft\.pdf"/);
  });

  it("announces a save with the new pages: only the edited article's pages changed, the text there", async () => {
    const events = listen(port);
    const first = await events.next(() => true);
    save(original.replace('近年来，西安市', '近年来，预览改动西安市'));
    const next = await events.next((s) => s.version > first.version);
    events.close();
    expect(next).toMatchObject({ ok: true, errors: 0, changed: ['articles/02-xian-chengguo-zhuanhua.md'] });
    const changed = next.pages.map((h, i) => (h !== first.pages[i] ? i : -1)).filter((i) => i >= 0);
    expect(changed.length).toBeGreaterThan(0);
    const pdf = readPdf((await fetchBytes(`${base}/issue.pdf`)).body);
    // The article runs from page 3: the changed pages are its own, and the edit is on the first.
    expect(Math.min(...changed)).toBe(2);
    expect(squash(pdf.pages[2].text)).toContain('近年来，预览改动西安市');
    for (const i of [0, 1]) expect(changed).not.toContain(i);
  });

  it('keeps the last good PDF while the input has errors, with each error on its page, and clears when fixed', async () => {
    const events = listen(port);
    const before = await events.next(() => true);
    save(original.replace('title:', 'title: [unclosed'));
    const broken = await events.next((s) => s.version > before.version);
    expect(broken.ok).toBe(false);
    expect(broken.errors).toBeGreaterThan(0);
    expect(broken.pdfVersion).toBe(before.pdfVersion);
    expect(broken.pages).toEqual(before.pages);
    const err = broken.diagnostics.find((d) => d.severity === 'error')!;
    expect(err).toMatchObject({ file: 'articles/02-xian-chengguo-zhuanhua.md', line: 2 });
    expect(err.fix).toBeTruthy();
    expect(err.page).toBe(2); // the article's title page, from the last good layout
    const kept = await fetchBytes(`${base}/issue.pdf`);
    expect(kept.status).toBe(200);
    expect(kept.headers['x-build']).toBe(String(before.pdfVersion));

    save(original);
    const fixed = await events.next((s) => s.version > broken.version);
    events.close();
    expect(fixed.ok).toBe(true);
    expect(fixed.errors).toBe(0);
    expect(fixed.pdfVersion).toBe(fixed.version);
  });

  it('gathers a burst of saves into few builds, and shows the last', async () => {
    const events = listen(port);
    const before = await events.next(() => true);
    const builds = server.session.stats.builds;
    for (let i = 0; i < 20; i++) save(original.replace('近年来，西安市', `近年来，第${i}稿西安市`));
    const last = await events.next((s) => s.version > before.version && s.ok);
    await server.session.settled();
    events.close();
    expect(server.session.stats.builds - builds).toBeLessThan(5);
    expect(last.ok).toBe(true);
    const text = squash(readPdf((await fetchBytes(`${base}/issue.pdf`)).body).pages[2].text);
    expect(text).toContain('近年来，第19稿西安市');
  });

  it('survives any bad input, reporting each, and recovers when it is put right', async () => {
    const events = listen(port);
    let last = await events.next(() => true);
    const yaml = join(dir, 'issue.yaml');
    const yamlText = readFileSync(yaml, 'utf8');
    const picture = join(dir, 'images', 'broken.png');
    const breakages: [string, () => void][] = [
      [
        'binary garbage in an article',
        () => save(Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x80, 0x2d, 0x2d]).toString('latin1')),
      ],
      ['no front matter', () => save('just text\n')],
      [
        'a broken picture',
        () => {
          mkdirSync(join(dir, 'images'), { recursive: true });
          writeFileSync(picture, 'not a png');
          save(original.replace('近年来，西安市', '![图1 坏图](images/broken.png)\n\n近年来，西安市'));
        },
      ],
      [
        'issue.yaml gone',
        () => {
          save(original);
          rmSync(yaml);
        },
      ],
      ['issue.yaml not a mapping', () => writeFileSync(yaml, '- a\n- b\n')],
    ];
    for (const [what, breakIt] of breakages) {
      breakIt();
      const s = await events.next((x) => x.version > last.version && !x.ok);
      expect(s.errors, what).toBeGreaterThan(0);
      expect(
        s.diagnostics.every((d) => d.message && d.code),
        what,
      ).toBe(true);
      expect((await fetchBytes(`${base}/issue.pdf`)).status, what).toBe(200);
      last = s;
    }
    writeFileSync(yaml, yamlText);
    rmSync(picture);
    const fixed = await events.next((x) => x.version > last.version && x.ok);
    events.close();
    expect(fixed.errors).toBe(0);
    expect(server.session.stats.builds).toBeGreaterThan(0);
  });

  it.each([
    '/../issue.yaml',
    '/../../../../etc/passwd',
    '/assets/../../issues/2023-06/issue.yaml',
    '/assets/..%2f..%2fpackage.json',
    '/assets/%2e%2e/%2e%2e/package.json',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/pdfjs/build/..%2f..%2f..%2f..%2fpackage.json',
    '/pdfjs/build/%2e%2e/%2e%2e/%2e%2e/%2e%2e/fonts/fonts.yaml',
    `/assets/${encodeURIComponent(join(dir, 'issue.yaml'))}`,
    `/assets/${join(dir, 'issue.yaml')}`,
    '/assets//etc/passwd',
    '/issue.yaml',
    '/articles/02-xian-chengguo-zhuanhua.md',
    `/${join(dir, 'issue.yaml')}`,
    '/assets/..\\..\\package.json',
  ])('refuses %s', async (path) => {
    const r = await raw(port, path);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    for (const secret of ['publisher', '呼和浩特', 'root:', '"name": "bulletin"', 'sha256'])
      expect(r.body).not.toContain(secret);
  });

  it('answers only to its own name (no DNS rebinding), and only to GET and HEAD', async () => {
    expect((await raw(port, '/state', { Host: 'attacker.example:80' })).status).toBe(403);
    expect((await raw(port, '/state', { Host: `localhost:${port}` })).status).toBe(200);
    expect((await raw(port, '/state', {}, 'POST')).status).toBe(405);
    expect((await raw(port, '/issue.pdf', {}, 'HEAD')).status).toBe(200);
  });
});

describe('the preview server without the watermark', () => {
  it('serves pages with no 样稿 mark', async () => {
    const server = new PreviewServer({ issueDir: SAMPLE, port: 0, host: '127.0.0.1', watermark: false });
    await server.start();
    try {
      const r = await fetchBytes(`http://127.0.0.1:${server.port}/issue.pdf?download`);
      for (const p of readPdf(r.body).pages) expect(p.chars.filter((c) => c.size > 60)).toEqual([]);
      expect(r.headers['content-disposition']).toMatch(/filename="2023-06\.pdf"/);
    } finally {
      await server.close();
    }
  });
});

describe('bulletin preview on the command line', () => {
  const cli = (args: string[]) =>
    spawn(process.execPath, [join(ROOT, 'bin', 'bulletin.js'), 'preview', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const exit = (child: ReturnType<typeof cli>) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      let out = '';
      let err = '';
      child.stdout!.on('data', (c) => (out += c));
      child.stderr!.on('data', (c) => (err += c));
      child.on('close', (code) => resolve({ code, out, err }));
    });

  it('prints its URL, serves, and stops cleanly on Ctrl+C', async () => {
    const child = cli([SAMPLE, '--port', '0']);
    const done = exit(child);
    let out = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout!.on('data', (c) => {
        out += c;
        const m = /at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (m && /pages in \d+ ms/.test(out)) resolve(m[1]);
      });
      child.on('close', () => reject(new Error(out)));
    });
    const state = JSON.parse((await fetchBytes(`${url}state`)).body.toString()) as PreviewState;
    expect(state).toMatchObject({ issue: '2023-06', ok: true, version: 1 });
    child.kill('SIGINT');
    const r = await done;
    expect(r.code).toBe(0);
    expect(r.out).toContain('Ctrl+C');
  });

  it('warns when shared beyond this machine', async () => {
    const child = cli([SAMPLE, '--port', '0', '--host', '0.0.0.0']);
    const done = exit(child);
    await new Promise<void>((resolve) => {
      let err = '';
      child.stderr!.on('data', (c) => {
        err += c;
        if (err.includes('anyone who can reach')) resolve();
      });
    });
    child.kill('SIGINT');
    expect((await done).code).toBe(0);
  });

  it.each([
    [[], 2, 'needs an issue folder'],
    [[SAMPLE, '--port', 'x'], 2, '--port needs a port number'],
    [[SAMPLE, '--prot', '5000'], 2, 'did you mean --port?'],
    [['no/such/folder'], 1, 'no such issue folder'],
  ])('refuses %j with exit %d', async (args, code, message) => {
    const r = await exit(cli(args as string[]));
    expect(r.code).toBe(code);
    expect(r.err).toContain(message);
  });

  it('says so when the port asked for is taken', async () => {
    const server = new PreviewServer({ issueDir: SAMPLE, port: 0, host: '127.0.0.1' });
    await server.listen();
    try {
      const r = await exit(cli([SAMPLE, '--port', String(server.port)]));
      expect(r.code).toBe(1);
      expect(r.err).toContain(`port ${server.port} is in use`);
    } finally {
      await server.close();
    }
  });
});
