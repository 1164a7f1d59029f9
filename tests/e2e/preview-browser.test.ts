// The preview in a real browser (Debian's chromium, driven by playwright-core; no browser
// is downloaded): open it as an editor would, move about, edit an article and see the new
// text on its page without a reload, break the front matter and see the error overlay over
// the last good pages, fix it and see the overlay go.
import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PreviewServer } from '../../src/preview/server.js';
import { copyIssue, SAMPLE } from '../helpers/build.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE = existsSync(CHROMIUM);
if (!HAVE) console.warn(`preview browser tests skipped: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The status line of a request sent byte for byte (browsers tidy `..` away before sending). */
function rawStatus(port: number, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = connect(port, '127.0.0.1');
    let text = '';
    sock.on('data', (c) => (text += c.toString('latin1')));
    sock.on('error', reject);
    sock.on('end', () => resolve(Number(/^HTTP\/1\.1 (\d+)/.exec(text)?.[1] ?? 0)));
    sock.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
  });
}

/** Waits for what the page shows: a rebuild and a redraw take a moment on a busy machine. */
const poll = <T>(f: () => Promise<T> | T) => expect.poll(f, { timeout: 30_000, interval: 100 });
const flat = (s: string | null) => (s ?? '').replace(/\s/g, '');

describe.skipIf(!HAVE)('the preview in chromium', () => {
  const dir = copyIssue(SAMPLE);
  const article = join(dir, 'articles', '02-xian-chengguo-zhuanhua.md');
  const original = readFileSync(article, 'utf8');
  const profile = mkdtempSync(join(tmpdir(), 'bulletin-chromium-'));
  let server: PreviewServer;
  let context: BrowserContext;
  let page: Page;
  const errors: string[] = [];

  const save = (text: string) => {
    writeFileSync(`${article}.tmp`, text);
    renameSync(`${article}.tmp`, article);
  };
  const pageNo = () => page.locator('#page-no').inputValue();
  const textOf = (n: number) => page.locator(`.page[data-page="${n}"] .textLayer`).textContent();

  beforeAll(async () => {
    server = new PreviewServer({ issueDir: dir, port: 0, host: '127.0.0.1' });
    await server.start();
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      locale: 'zh-CN',
      viewport: { width: 1300, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(30_000);
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url.slice(0, -1))) errors.push(`outside request: ${r.url()}`);
    });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await context?.close();
    await server?.close();
    rmSync(profile, { recursive: true, force: true });
  });

  it("shows every page of the issue, with thumbnails, in the browser's language (Chinese here)", async () => {
    await page.waitForSelector('.page[data-page="1"][data-drawn]');
    expect(await page.locator('.page').count()).toBe(9);
    expect(await page.locator('.thumb').count()).toBe(9);
    expect(flat(await textOf(1))).toContain('科技情报参考');
    expect(await page.locator('#download').textContent()).toBe('下载 PDF');
    expect(await page.locator('#status').textContent()).toMatch(/排版完成/);
    expect(await page.locator('#page-count').textContent()).toBe('/ 9');
    // The warning the sample has, with its page.
    const item = page.locator('#diagnostics li.warning');
    await poll(() => item.count()).toBe(1);
    expect(await item.textContent()).toContain('articles/02-xian-chengguo-zhuanhua.md:27:78');
    expect(await item.textContent()).toContain('第 4 页');
  });

  it('follows the contents: a line on the cover and an entry in the outline go to the article', async () => {
    // The cover's second contents line (西安市…, page 3).
    await page.locator('.page[data-page="1"] .links a').nth(1).click();
    await poll(pageNo).toBe('3');
    await page.locator('#tab-outline').click();
    const entries = page.locator('#outline a');
    await poll(() => entries.count()).toBe(5);
    await entries.nth(2).click();
    await poll(pageNo).toBe('5');
    await page.locator('#tab-thumbs').click();
    await page.locator('.thumb').nth(7).click();
    await poll(pageNo).toBe('8');
  });

  it('zooms, fits the width again, and keeps the page it is on', async () => {
    await page.locator('#page-no').fill('4');
    await page.locator('#page-no').press('Enter');
    await poll(pageNo).toBe('4');
    await page.locator('#zoom').selectOption('1');
    const width = () => page.locator('.page[data-page="4"]').evaluate((e) => e.getBoundingClientRect().width);
    await poll(width).toBeCloseTo((595.28 * 96) / 72, 0);
    expect(await pageNo()).toBe('4');
    await page.locator('#zoom-in').click();
    await poll(width).toBeCloseTo((1.25 * 595.28 * 96) / 72, 0);
    expect(await pageNo()).toBe('4');
    await page.locator('#zoom').selectOption('fit');
    const scroller = await page.locator('#scroller').evaluate((e) => e.clientWidth);
    await poll(width).toBeCloseTo(scroller - 40, 0);
    await page.waitForSelector('.page[data-page="4"][data-drawn]');
  });

  it('offers the PDF for download', async () => {
    const href = await page.locator('#download').getAttribute('href');
    const head = await page.evaluate(
      async (h) => new TextDecoder().decode((await (await fetch(h!)).arrayBuffer()).slice(0, 5)),
      href,
    );
    expect(head).toBe('%PDF-');
    expect(await page.locator('#download').getAttribute('download')).toMatch(/-draft\.pdf$/);
  });

  it('shows an edit on its page without a reload, marks the page changed, and stays where the reader was', async () => {
    await page.locator('#page-no').fill('3');
    await page.locator('#page-no').press('Enter');
    await poll(pageNo).toBe('3');
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const scrollBefore = await page.locator('#scroller').evaluate((e) => e.scrollTop);
    save(original.replace('近年来，西安市', '近年来，浏览器里看到的改动西安市'));
    await poll(async () => flat(await textOf(3))).toContain('浏览器里看到的改动');
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    expect(await page.locator('#status').textContent()).toMatch(/有改动：.*第 3 页/);
    expect(await pageNo()).toBe('3');
    expect(await page.locator('#scroller').evaluate((e) => e.scrollTop)).toBeCloseTo(scrollBefore, -1);
  });

  it('puts the error overlay over the last good pages when the front matter breaks, and takes it away when fixed', async () => {
    save(original.replace('title:', 'title: [unclosed').replace('近年来，西安市', '近年来，浏览器里看到的改动西安市'));
    await page.waitForSelector('#overlay:not([hidden])');
    expect(await page.locator('#overlay').textContent()).toContain('稿件有错误');
    // The last good pages are still there under it.
    expect(flat(await textOf(3))).toContain('浏览器里看到的改动');
    const error = page.locator('#diagnostics li.error');
    expect(await error.count()).toBe(1);
    expect(await error.textContent()).toContain('articles/02-xian-chengguo-zhuanhua.md:2:');
    // Clicking the error goes to its page (the article's first).
    await page.locator('#page-no').fill('7');
    await page.locator('#page-no').press('Enter');
    await poll(pageNo).toBe('7');
    await error.click();
    await poll(pageNo).toBe('3');

    save(original);
    await page.waitForSelector('#overlay', { state: 'hidden' });
    expect(await page.locator('#diagnostics li.error').count()).toBe(0);
    await poll(async () => flat(await textOf(3))).toContain('近年来，西安市');
  });

  it('is in English for an English browser', async () => {
    const en = await context.newPage();
    await en.addInitScript(() => Object.defineProperty(navigator, 'languages', { get: () => ['en-GB', 'en'] }));
    await en.goto(server.url);
    await en.waitForSelector('.page[data-page="1"]');
    expect(await en.locator('#download').textContent()).toBe('Download PDF');
    expect(await en.locator('#tab-outline').textContent()).toBe('Contents');
    await poll(() => en.locator('#status').textContent()).toMatch(/Built in \d+ ms · 9 pages/);
    await en.close();
  });

  it('refuses paths outside its folders, from the browser and byte for byte', async () => {
    for (const path of [
      '/assets/..%2f..%2fpackage.json',
      '/pdfjs/build/..%2f..%2f..%2f..%2fpackage.json',
      '/%2e%2e/issue.yaml',
      '/issue.yaml',
    ]) {
      const r = await page.evaluate(async (p) => {
        const res = await fetch(p);
        return { status: res.status, body: await res.text() };
      }, path);
      expect(r.status, path).toBeGreaterThanOrEqual(400);
      expect(r.body).not.toContain('publisher');
    }
    for (const path of [
      '/../issue.yaml',
      '/assets/../../issues/2023-06/issue.yaml',
      '/assets/%2e%2e/%2e%2e/package.json',
    ]) {
      expect(await rawStatus(server.port, path), path).toBeGreaterThanOrEqual(400);
    }
  });

  it('loaded nothing from anywhere but the preview server, and threw no error', () => {
    expect(errors).toEqual([]);
  });
});
