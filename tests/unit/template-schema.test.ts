// Templates as editors write them: extending another, sizes in Chinese sizes and mm, paper
// names, the text block as margins; and every way of getting one wrong, at file:line:col.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { loadTemplate } from '../../src/template/load.js';
import { frameOf, frameProblem } from '../../src/template/model.js';
import { TEMPLATE, type Section } from '../../src/template/options.js';
import { CHINESE_SIZES, parseLength } from '../../src/template/sizes.js';
import { ROOT } from '../helpers/build.js';

const MM = 72 / 25.4;

/** A project root with the shipped templates and these further ones. */
function rootWith(templates: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-tpl-'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  for (const [name, yaml] of Object.entries(templates)) {
    mkdirSync(join(root, 'templates', name), { recursive: true });
    writeFileSync(join(root, 'templates', name, 'template.yaml'), yaml);
  }
  return root;
}

function load(templates: Record<string, string>, name: string) {
  const diags = new Diagnostics();
  const t = loadTemplate(rootWith(templates), name, diags);
  return {
    t,
    diags,
    shown: diags.list.map(
      (d) =>
        `${d.file.split('/').slice(-2).join('/')}:${d.line}:${d.col} ${d.severity} ${d.code} ${d.message} (${d.fix ?? ''})`,
    ),
  };
}

describe('sizes and lengths', () => {
  it('reads the Chinese sizes as word processors define them', () => {
    expect(parseLength('三号')).toBe(16);
    expect(parseLength('小四')).toBe(12);
    expect(parseLength('初号')).toBe(42);
    expect(parseLength('七号')).toBe(5.5);
    expect(parseLength('五号')).toBe(10.5);
    expect(Object.keys(CHINESE_SIZES)).toHaveLength(16);
  });

  it('reads lengths in mm, cm, in and pt', () => {
    expect(parseLength('37mm')).toBeCloseTo(37 * MM, 3);
    expect(parseLength('1.5cm')).toBeCloseTo(15 * MM, 3);
    expect(parseLength('0.5in')).toBe(36);
    expect(parseLength(' 12 pt ')).toBe(12);
  });

  it('says what is wrong with a size that is none, with the sizes meant', () => {
    const bad = parseLength('三呺');
    expect(typeof bad).toBe('object');
    expect(String((bad as { fix: unknown }).fix)).toMatch(/三号/);
    expect(typeof parseLength('12px')).toBe('object');
    expect(typeof parseLength('mm')).toBe('object');
  });

  it('accepts any length in mm where pt are asked, as the number of pt it is (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), (tenths) => {
        const v = parseLength(`${tenths / 10}mm`);
        return typeof v === 'number' && Math.abs(v - (tenths / 10) * MM) < 1e-3;
      }),
    );
  });
});

describe('a template read from its file', () => {
  it('takes a Chinese size or a length wherever a size is', () => {
    const { t, diags } = load(
      {
        mine: 'body:\n  size: 三号\ntitle:\n  size: 二号\nfolio:\n  size: 四号\n  bottom: 25mm\nmasthead:\n  top: 6.2cm\n',
      },
      'mine',
    );
    expect(diags.list).toEqual([]);
    expect([t!.body.size, t!.title.size, t!.folio.size]).toEqual([16, 22, 14]);
    expect(t!.folio.bottom).toBeCloseTo(25 * MM, 2);
    expect(t!.masthead.top).toBeCloseTo(62 * MM, 2);
  });

  it('reports a size that is none at its line and column', () => {
    const { t, shown } = load({ bad: 'body:\n  size: 三呺\n  pitch: 22px\n' }, 'bad');
    expect(t).toBeNull();
    expect(shown.find((s) => s.includes(':2:9 error'))).toMatch(/"三呺" is not a size.*三号/);
    expect(shown.find((s) => s.includes(':3:10 error'))).toMatch(/"22px" is not a size/);
  });

  it('sizes the paper by name, and makes it custom when width or height is given alone', () => {
    const sizes = Object.fromEntries(
      ['A4', 'A5', 'B5', '16开', 'A3'].map((p) => {
        const { t } = load({ p: `page:\n  paper: ${p}\n` }, 'p');
        return [p, [t!.page.width / MM, t!.page.height / MM].map((v) => Math.round(v))];
      }),
    );
    expect(sizes).toEqual({ A4: [210, 297], A5: [148, 210], B5: [176, 250], '16开': [185, 260], A3: [297, 420] });
    const { t } = load({ c: 'page:\n  width: 500\n' }, 'c');
    expect([t!.page.paper, t!.page.width, t!.page.height]).toEqual(['custom', 500, 841.89]);
  });

  it('refuses a named paper with another width', () => {
    const { t, shown } = load({ bad: 'page:\n  paper: A5\n  width: 500\n' }, 'bad');
    expect(t).toBeNull();
    expect(shown.join('\n')).toMatch(/template-paper .*A5.*paper: custom/);
  });

  it('derives the grid from margins: 公文 156 × 225 mm in 28 × 22', () => {
    const { t, diags } = load({}, 'gongwen');
    expect(diags.list).toEqual([]);
    const f = frameOf(t!);
    expect(f.width / MM).toBeCloseTo(156, 2);
    expect(f.height / MM).toBeCloseTo(225, 2);
    expect([f.left / MM, f.top / MM, (f.left + f.evenShift) / MM].map((v) => Math.round(v * 100) / 100)).toEqual([
      28, 37, 26,
    ]);
    expect(f.charPitch / MM).toBeCloseTo(156 / 28, 3);
    expect(f.pitch / MM).toBeCloseTo(225 / 22, 3);
    expect(frameProblem(t!, f)).toBeUndefined();
  });

  it('derives margins from the grid: chars × lines of body type, centred', () => {
    const { t } = load({}, 'a5-booklet');
    const f = frameOf(t!);
    expect([f.width, f.height, f.charPitch, f.evenShift]).toEqual([32 * 10.5, 27 * 18, 10.5, 0]);
    expect(f.left).toBeCloseTo((t!.page.width - 336) / 2, 6);
  });

  it('finds a text block that does not fit on the paper', () => {
    const { t } = load({ big: 'page:\n  paper: A5\n  chars: 60\n' }, 'big');
    expect(String(frameProblem(t!, frameOf(t!)))).toMatch(/does not fit on the paper/);
  });
});

describe('templates that extend others', () => {
  it('lays a template over the one it extends, over the default', () => {
    const { t, diags } = load(
      { red: 'extends: gongwen\nmasthead:\n  color: "#cc0000"\nfolio:\n  format: "第 {n} 页"\n' },
      'red',
    );
    expect(diags.list).toEqual([]);
    expect(t!.masthead.color).toBe('#cc0000'); // its own
    expect(t!.masthead.titleFont).toBe('xiaobiaosong'); // from gongwen
    expect(t!.folio.format).toBe('第 {n} 页');
    expect(t!.page.chars).toBe(28); // from gongwen
    expect(t!.table.rules).toBe('three-line'); // from the default
    expect(t!.name).toBe('red');
  });

  it('goes down a chain of three', () => {
    const { t, diags } = load(
      { a: 'extends: a5-booklet\nbody:\n  size: 小五\n', b: 'extends: a\nfolio:\n  position: center\n' },
      'b',
    );
    expect(diags.list).toEqual([]);
    expect([t!.page.paper, t!.body.size, t!.folio.position, t!.article.start]).toEqual(['A5', 9, 'center', 'continue']);
  });

  it('reports a circle of templates, and where it closes', () => {
    const { t, shown } = load({ a: 'extends: b\n', b: 'body:\n  size: 12\nextends: a\n' }, 'a');
    expect(t).toBeNull();
    expect(shown.find((s) => s.includes('template-cycle'))).toMatch(
      /^b\/template\.yaml:3:10 error template-cycle .*a → b → a/,
    );
  });

  it('reports a template it extends that is not there, with the ones that are', () => {
    const { t, shown } = load({ a: '# mine\nextends: gongwne\n' }, 'a');
    expect(t).toBeNull();
    expect(shown[0]).toMatch(/^a\/template\.yaml:2:10 error template-missing template "gongwne" not found .*gongwen/);
  });

  it('reports an unknown key in an extending template with the key meant', () => {
    const { t, shown } = load({ a: 'extends: gongwen\nfolio:\n  postion: outside\n' }, 'a');
    expect(t).not.toBeNull();
    expect(shown[0]).toMatch(/:3:3 warning schema-unknown-key .*did you mean "position"/);
  });

  it('refuses a name that is no folder name', () => {
    const { t, shown } = load({}, '../etc');
    expect(t).toBeNull();
    expect(shown[0]).toMatch(/template-name/);
  });

  it('declares every option it reads (the reference lists extends beside them)', () => {
    const sections: Section[] = Object.values(TEMPLATE);
    for (const s of sections) for (const o of Object.values(s.options)) expect(o.doc.length).toBeGreaterThan(3);
  });
});

describe('the cover’s options: contents levels and the masthead', () => {
  it('reads them, each over the default', () => {
    const { t, diags } = load(
      {
        mine: 'toc:\n  levels: 3\n  sub-bullet: "·"\n  sub-indent: 1.5\n  leader: ""\nmasthead:\n  title: "{title}文件"\n  issue-line: "{publisher}　{issue}"\n  rule-offset: 4mm\n  rule-length: 0.8\n  unit-right: ""\n',
      },
      'mine',
    );
    expect(diags.list).toEqual([]);
    expect([t!.toc.levels, t!.toc.subBullet, t!.toc.subIndent, t!.toc.leader, t!.toc.bullet]).toEqual([
      3,
      '·',
      1.5,
      '',
      '★',
    ]);
    expect([
      t!.masthead.title,
      t!.masthead.issueLine,
      t!.masthead.ruleLength,
      t!.masthead.unitRight,
      t!.masthead.unitLeft,
    ]).toEqual(['{title}文件', '{publisher}　{issue}', 0.8, '', '{publisher}　编辑']);
    expect(t!.masthead.ruleOffset).toBeCloseTo(4 * MM, 2);
  });

  it('reports bad values at their line and column', () => {
    const { t, shown } = load(
      {
        bad: [
          'toc:',
          '  levels: 4', // 2
          '  sub-indent: -1', // 3
          'masthead:',
          '  title: "{name}简报"', // 5
          '  issue-line: "{issue}{volume}"', // 6
          '  title-align: middle', // 7
          '  rule-length: 0', // 8
          '  issue-color: red', // 9
          '  unit-gap: 两行', // 10
          '',
        ].join('\n'),
      },
      'bad',
    );
    expect(t).toBeNull();
    const at = (line: number) => shown.find((s) => s.startsWith(`bad/template.yaml:${line}:`));
    expect(at(2)).toMatch(/:2:11 error .*levels/);
    expect(at(3)).toMatch(/:3:15 error/);
    expect(at(5)).toMatch(/:5:10 error .*\{name\} is not a placeholder here.*\{title\}/);
    expect(at(6)).toMatch(/:6:15 error .*\{volume\} is not a placeholder here.*\{issue\}, \{publisher\}, \{date\}/);
    expect(at(7)).toMatch(/:7:16 error .*center/);
    expect(at(8)).toMatch(/:8:16 error/);
    expect(at(9)).toMatch(/:9:16 error .*must be a colour.*not "red"/);
    expect(at(10)).toMatch(/:10:13 error/);
  });

  it('wants {title} in the title', () => {
    const { shown } = load({ bad: 'masthead:\n  title: "简报"\n' }, 'bad');
    expect(shown[0]).toMatch(/:2:10 error .*lacks \{title\}/);
  });
});
