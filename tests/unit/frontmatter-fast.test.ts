// Front matter of plain `key: value` lines is read without yaml (source/frontmatter.ts); what
// that gives must be what yaml gives — the same nodes, values, types, ranges and line table,
// so every file:line:col is the same — and anything else must go to yaml, errors included.
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Document, isMap, isScalar, type Node } from 'yaml';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { parseYaml, posAt, type ParsedYaml } from '../../src/source/fields.js';
import { frontMatter, plainFrontMatter, readFrontMatter } from '../../src/source/frontmatter.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

/** Everything observable of a node: its class, own fields (value, range, source, type, spaceBefore…). */
function shape(n: unknown): unknown {
  if (isMap(n))
    return {
      map: { ...n, items: n.items.map((p) => ({ pair: Object.keys(p), key: shape(p.key), value: shape(p.value) })) },
    };
  if (isScalar(n)) return { scalar: { ...n } };
  return n;
}

function agree(text: string): 'fast' | 'yaml' {
  const slowDiags = new Diagnostics();
  const slow = parseYaml(text, 'a.md', slowDiags, 1);
  const diags = new Diagnostics();
  const read = readFrontMatter(text, 'a.md', diags, 1);
  // errors, with their positions, and everything read
  expect(diags.list).toEqual(slowDiags.list);
  expect(read === null).toBe(slow === null);
  const fast = plainFrontMatter(text, 'a.md', 1);
  if (!fast) return 'yaml';
  expect(slow, 'the fast path took text yaml rejects').not.toBeNull();
  const s = slow as ParsedYaml;
  expect(s.doc.warnings).toEqual([]);
  expect(shape(fast.doc.contents)).toEqual(shape(s.doc.contents));
  expect(fast.doc.range).toEqual(s.doc.range);
  expect(fast.doc.toJS()).toEqual(s.doc.toJS());
  expect(fast.doc.toString()).toBe(s.doc.toString());
  expect(fast.lines.lineStarts).toEqual(s.lines.lineStarts);
  // the whole document, but for the directives object yaml's composer hands to it and the
  // line counters (their methods are closures of their own; their tables agree, above)
  type Options = Document['options'] & { _directives?: unknown; lineCounter?: unknown };
  const { _directives: _a, lineCounter: _c, ...fastOptions } = fast.doc.options as Options;
  const { _directives: _b, lineCounter: _d, ...slowOptions } = s.doc.options as Options;
  expect(fastOptions).toEqual(slowOptions);
  expect({ ...fast.doc, options: null }).toEqual({ ...s.doc, options: null });
  // positions as diagnostics give them, for every node and every offset
  const nodes: Node[] = isMap(s.doc.contents)
    ? s.doc.contents.items.flatMap((p) => [p.key as Node, p.value as Node])
    : [];
  for (const n of nodes) for (const off of n.range!) expect(posAt(fast, off)).toEqual(posAt(s, off));
  for (let off = 0; off <= text.length; off++) expect(posAt(fast, off)).toEqual(posAt(s, off));
  return 'fast';
}

// Pieces that are plain text, and pieces that make yaml read a line otherwise.
const SAFE = [
  '浙江',
  '“衢”动',
  '教育、科技',
  '：',
  'abc',
  'Zhang San',
  'x',
  '张三',
  '2024',
  '-',
  '.',
  ',',
  '[',
  ']',
  ' ',
];
const HOSTILE = [
  '{',
  '}',
  '#',
  ' #c',
  ': ',
  ':',
  '"',
  "'",
  '\\',
  '&',
  '*',
  '!',
  '|',
  '>',
  '%',
  '@',
  '`',
  '?',
  '  ',
  '\t',
  '1',
  '0x1F',
  '.5',
  '+1',
  'true',
  'False',
  'null',
  'NULL',
  '~',
  '.inf',
  '.NaN',
  'yes',
  '2024-01-01',
  '\u00a0',
  '\ufeff',
  '\u2028',
  '\u0085',
  '\r',
];
const GOOD_KEYS = ['title', 'author', 'date', 'subtitle', 'a', 'b_c', 'x-y'];
const BAD_KEYS = ['true', 'null', '1', 'my key', '-x', '"t"', '', 'title ', '~'];
const SEPARATORS = [': ', ':  ', ':', ': \t', ' : ', ':\t'];

const pieces = (from: string[], max: number) =>
  fc.array(fc.constantFrom(...from), { minLength: 0, maxLength: max }).map((p) => p.join(''));
const quoted = (v: fc.Arbitrary<string>) =>
  v.chain((x) => fc.constantFrom(x, `"${x}"`, `'${x}'`, `"${x}"  `, `${x}  `));
// clean values, now and then with one piece yaml reads otherwise
const value = fc.oneof(
  { weight: 4, arbitrary: quoted(pieces(SAFE, 4)) },
  {
    weight: 1,
    arbitrary: quoted(fc.tuple(pieces(SAFE, 2), fc.constantFrom(...HOSTILE), pieces(SAFE, 2)).map((p) => p.join(''))),
  },
);
const line = fc.oneof(
  { weight: 12, arbitrary: fc.tuple(fc.constantFrom(...GOOD_KEYS), fc.constant(': '), value).map((p) => p.join('')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...GOOD_KEYS, ...BAD_KEYS), fc.constantFrom(...SEPARATORS), value)
      .map((p) => p.join('')),
  },
  { weight: 1, arbitrary: fc.constantFrom('', '  ', '# note', '  nested: 1', '- item', '---', '...') },
);
const text = fc
  .tuple(fc.array(line, { minLength: 1, maxLength: 4 }), fc.boolean())
  .map(([ls, nl]) => ls.join('\n') + (nl ? '\n' : ''));

describe('front matter without yaml', () => {
  it('gives what yaml gives, or leaves the text to yaml (random front matter)', () => {
    const taken = { fast: 0, yaml: 0 };
    fc.assert(
      fc.property(text, (t) => {
        taken[agree(t)]++;
      }),
      { numRuns: 3000, seed: 20261201 },
    );
    // both paths were exercised, the fast one often
    expect(taken.fast).toBeGreaterThan(300);
    expect(taken.yaml).toBeGreaterThan(300);
  });

  it.each([
    'title: "浙江：教育、科技、人才三位一体的创新“衢”动模式实践"',
    "title: 西安市推进科技成果转化工作\nauthor: 张三\nsubtitle: '副题'\n",
    'title: "A"\ntitle: "B"', // duplicate key: yaml's error
    'title: "a\\"b"', // an escape: yaml
    'order: 3', // a number: yaml
    'title: 题 # note', // a comment: yaml
    'title: "unclosed',
    'title:\n  nested: x',
  ])('agrees with yaml on %j', (t) => {
    agree(t);
  });

  it('reads the front matter of every sample article without yaml', () => {
    const dirs = [join(SAMPLE, 'articles'), join(ROOT, 'tests', 'fixtures', 'all-constructs', 'articles')];
    let n = 0;
    for (const dir of dirs)
      for (const f of readdirSync(dir).filter((x) => x.endsWith('.md'))) {
        const lines = readFileSync(join(dir, f), 'utf8').replace(/\r\n?/g, '\n').split('\n');
        const front = frontMatter(lines);
        if (front.kind !== 'closed') continue;
        const t = lines.slice(1, front.close).join('\n');
        if (agree(t) === 'fast') n++;
      }
    expect(n).toBeGreaterThan(3);
  });
});
