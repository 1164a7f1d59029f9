// What the preview server may read: only files inside its asset folders, whatever the
// spelling of the request.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestPath, resolveUnder } from '../../src/preview/paths.js';

// outside/secret.txt beside root/, which holds a page, a subfolder, hidden files and links.
const base = mkdtempSync(join(tmpdir(), 'bulletin-paths-'));
const root = join(base, 'root');
mkdirSync(join(root, 'sub'), { recursive: true });
mkdirSync(join(base, 'outside'));
writeFileSync(join(base, 'outside', 'secret.txt'), 'secret');
writeFileSync(join(base, 'issue.yaml'), 'title: secret');
writeFileSync(join(root, 'page.js'), 'page');
writeFileSync(join(root, 'sub', 'a b.css'), 'css');
writeFileSync(join(root, 'sub', '图.png'), 'png');
writeFileSync(join(root, '.hidden'), 'hidden');
symlinkSync(join(base, 'outside', 'secret.txt'), join(root, 'out-link.txt'));
symlinkSync(join(base, 'outside'), join(root, 'out-dir'));
symlinkSync(join(root, 'page.js'), join(root, 'in-link.js'));

const ok = (rest: string) => {
  const r = resolveUnder(root, rest);
  return r.ok ? r.file : null;
};

describe('resolveUnder', () => {
  it('serves the files under the root, names percent-encoded or not', () => {
    expect(ok('/page.js')).toBe(join(root, 'page.js'));
    expect(ok('page.js')).toBe(join(root, 'page.js'));
    expect(ok('/sub/a%20b.css')).toBe(join(root, 'sub', 'a b.css'));
    expect(ok(`/sub/${encodeURIComponent('图')}.png`)).toBe(join(root, 'sub', '图.png'));
    // A link that stays inside is followed.
    expect(ok('/in-link.js')).toBe(join(root, 'page.js'));
  });

  it.each([
    '/../issue.yaml',
    '/../outside/secret.txt',
    '/sub/../../issue.yaml',
    '/..%2fissue.yaml',
    '/..%2Foutside%2Fsecret.txt',
    '/%2e%2e/issue.yaml',
    '/%2E%2E%2Fissue.yaml',
    '/.%2e/issue.yaml',
    '/sub/%2e%2e/%2e%2e/issue.yaml',
    '/..%5cissue.yaml',
    '/sub\\..\\..\\issue.yaml',
    `/${encodeURIComponent(join(base, 'issue.yaml'))}`,
    `/${join(base, 'issue.yaml')}`,
    '//etc/passwd',
    '/%2fetc%2fpasswd',
    '/C:/Windows/win.ini',
    '/page.js%00.png',
    '/.hidden',
    '/./page.js',
  ])('refuses %s', (rest) => {
    const r = resolveUnder(root, rest);
    expect(r.ok).toBe(false);
    if (!r.ok) expect([400, 403]).toContain(r.status);
  });

  it('refuses links that lead out of the root, to a file or through a folder', () => {
    expect(resolveUnder(root, '/out-link.txt')).toEqual({ ok: false, status: 403 });
    expect(resolveUnder(root, '/out-dir/secret.txt')).toEqual({ ok: false, status: 403 });
  });

  it('answers 404 for what is not there or not a file, 400 for broken encoding', () => {
    expect(resolveUnder(root, '/nothing.js')).toEqual({ ok: false, status: 404 });
    expect(resolveUnder(root, '/sub')).toEqual({ ok: false, status: 404 });
    expect(resolveUnder(root, '/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    // Encoded twice: the name "%2e%2e" (no such folder), never "..".
    expect(resolveUnder(root, '/%252e%252e/issue.yaml')).toEqual({ ok: false, status: 404 });
  });

  it('never yields a file outside the root, for any path made of dots, slashes and escapes', () => {
    const piece = fc.constantFrom(
      '..',
      '.',
      '%2e',
      '%2E',
      '%2f',
      '%2F',
      '%5c',
      '/',
      '\\',
      'sub',
      'page.js',
      'issue.yaml',
      'outside',
      'secret.txt',
      'out-dir',
      '%00',
      '~',
      '%252e',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (parts) => {
        const r = resolveUnder(root, '/' + parts.join(''));
        if (r.ok) expect(r.file.startsWith(root + '/')).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('requestPath', () => {
  it('keeps the path as sent, without query or fragment', () => {
    expect(requestPath('/assets/x.js?v=3')).toBe('/assets/x.js');
    expect(requestPath('/a/..%2fb#frag')).toBe('/a/..%2fb');
    expect(requestPath(undefined)).toBe('/');
  });
});
