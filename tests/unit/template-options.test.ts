// Template options are declared once (src/template/options.ts): the defaults, the validation,
// the Template fields and the reference are all derived from the declaration.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { loadTemplate } from '../../src/template/load.js';
import { camel, defaults, schema, TEMPLATE, type Section } from '../../src/template/options.js';
import { defaultTemplateYaml, referenceMarkdown } from '../../src/template/reference.js';
import { ROOT } from '../helpers/build.js';

/** A project root holding the default template and, optionally, one more. */
function rootWith(name?: string, yaml?: string): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-tpl-'));
  cpSync(join(ROOT, 'templates', 'default'), join(root, 'templates', 'default'), { recursive: true });
  if (name && yaml !== undefined) {
    mkdirSync(join(root, 'templates', name), { recursive: true });
    writeFileSync(join(root, 'templates', name, 'template.yaml'), yaml);
  }
  return root;
}

describe('template options, declared once', () => {
  it('keeps templates/README.md and the default template.yaml in step with the declarations (npm run docs)', () => {
    expect(readFileSync(join(ROOT, 'templates', 'README.md'), 'utf8')).toBe(referenceMarkdown());
    expect(readFileSync(join(ROOT, 'templates', 'default', 'template.yaml'), 'utf8')).toBe(defaultTemplateYaml());
  });

  it('derives the schema, the defaults and the reference from the same keys', () => {
    const d = defaults();
    const s = schema();
    const ref = referenceMarkdown();
    for (const [section, decl] of Object.entries(TEMPLATE)) {
      expect(Object.keys(d[section])).toEqual(Object.keys(decl.options));
      expect(Object.keys(s[section].fields!)).toEqual(Object.keys(decl.options));
      for (const key of Object.keys(decl.options)) expect(ref).toContain(`| \`${key}\` |`);
    }
  });

  it('resolves every declared option to its camelCase field with its default', () => {
    const diags = new Diagnostics();
    const t = loadTemplate(rootWith(), 'default', diags)!;
    expect(diags.list).toEqual([]);
    const sections: [string, Section][] = Object.entries(TEMPLATE);
    for (const [section, decl] of sections) {
      const got = (t as unknown as Record<string, Record<string, unknown>>)[camel(section)];
      for (const [key, opt] of Object.entries(decl.options))
        expect(got[camel(key)], `${section}.${key}`).toEqual(opt.default);
    }
    expect(t.headings[3]).toEqual(t.heading3);
  });

  it('takes a copy of a template with five keys changed, with no code change', () => {
    const yaml =
      'page:\n  chars: 28\n  lines: 22\nbody:\n  size: 16\nfolio:\n  position: outside\n  format: "第 {n} 页"\n';
    const diags = new Diagnostics();
    const t = loadTemplate(rootWith('mine', yaml), 'mine', diags)!;
    expect(diags.list).toEqual([]);
    expect([t.page.chars, t.page.lines, t.body.size, t.folio.position, t.folio.format]).toEqual([
      28,
      22,
      16,
      'outside',
      '第 {n} 页',
    ]);
    expect(t.body.pitch).toBe(22); // what the copy leaves out keeps the default
  });

  it('refuses bad values at their file:line:col, and suggests the key meant', () => {
    const diags = new Diagnostics();
    loadTemplate(rootWith('bad', 'folio:\n  position: middle\nbody:\n  sise: 12\n  size: -3\n'), 'bad', diags);
    expect(diags.hasErrors()).toBe(true);
    const shown = diags.list.map((d) => `${d.line}:${d.col} ${d.severity} ${d.code} ${d.message} (${d.fix ?? ''})`);
    expect(shown.find((s) => s.startsWith('2:13 error'))).toMatch(/center, outside/);
    expect(shown.find((s) => s.startsWith('4:3 warning'))).toMatch(/size/);
    expect(shown.find((s) => s.startsWith('5:9 error'))).toBeTruthy();
  });
});
