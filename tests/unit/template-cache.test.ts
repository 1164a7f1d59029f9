// The template read once and shared (src/template/cache.ts): the same template as reading it
// afresh, kept on disk only under the running bundle's name and only without diagnostics,
// read again when a template file changes.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { readTemplate } from '../../src/template/cache.js';
import { loadTemplate } from '../../src/template/load.js';
import { ROOT } from '../helpers/build.js';

const BUNDLE = Symbol.for('bulletin.bundle');
const globals = globalThis as Record<symbol, unknown>;

function project(): string {
  const root = mkdtempSync(join(tmpdir(), 'template-cache-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  return root;
}
const cached = (root: string) => {
  const dir = join(root, 'node_modules', '.cache', 'bulletin', 'templates');
  return existsSync(dir) ? readdirSync(dir).map((f) => join(dir, f)) : [];
};
// (a new place the name was given at: past the in-memory entry, to what is on disk)
let n = 0;
const somewhere = () => ({ file: 'issue.yaml', line: ++n, col: 1 });

afterEach(() => {
  delete globals[BUNDLE];
});

describe('reading a template once', () => {
  it('gives what reading it afresh gives, and keeps nothing on disk outside the bundle', () => {
    const root = project();
    for (const name of ['default', 'gongwen', 'a5-booklet']) {
      const got = readTemplate(root, name, somewhere());
      expect(got.template).toEqual(loadTemplate(root, name, new Diagnostics()));
      expect(got.diagnostics).toEqual([]);
    }
    expect(cached(root)).toEqual([]);
  });

  it('keeps it on disk under the bundle’s name, reads it from there, and reads the file again once it changes', () => {
    const root = project();
    globals[BUNDLE] = 'test-bundle-1';
    const first = readTemplate(root, 'gongwen', somewhere());
    const [file] = cached(root);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first.template);
    // what is on disk is what the next run gets (marked, to see it come from there)
    const marked = { ...first.template!, name: 'from-disk' };
    writeFileSync(file, JSON.stringify(marked));
    expect(readTemplate(root, 'gongwen', somewhere()).template).toEqual(marked);
    // another bundle does not read this one's entry
    globals[BUNDLE] = 'test-bundle-2';
    expect(readTemplate(root, 'gongwen', somewhere()).template).toEqual(first.template);
    // an edited template is read afresh
    const yaml = join(root, 'templates', 'gongwen', 'template.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^body:\n/m, 'body:\n  pitch: 31\n'));
    const edited = readTemplate(root, 'gongwen', somewhere());
    expect(edited.template!.body.pitch).toBe(31);
    expect(edited.template).toEqual(loadTemplate(root, 'gongwen', new Diagnostics()));
  });

  it('keeps a template with diagnostics off the disk and says them every time', () => {
    const root = project();
    globals[BUNDLE] = 'test-bundle-3';
    const yaml = join(root, 'templates', 'default', 'template.yaml');
    writeFileSync(yaml, readFileSync(yaml, 'utf8').replace(/^body:(.*)\n/m, 'body:$1\n  sise: 12\n'));
    for (let i = 0; i < 2; i++) {
      const got = readTemplate(root, 'default', somewhere());
      expect(got.diagnostics.map((d) => d.code)).toContain('schema-unknown-key');
    }
    expect(cached(root)).toEqual([]);
  });
});
