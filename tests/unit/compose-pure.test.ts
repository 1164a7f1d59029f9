// The composer's stages take data and return new data: composing never changes the runs or
// the atom list it is given, and atoms shared between paragraphs (one per character and
// style) come out the same whatever was composed before them.
import { describe, expect, it } from 'vitest';
import { buildAtoms, type AtomEnv, type AtomList, type StyledRun } from '../../src/compose/atoms.js';
import { composeLines, type LineOptions } from '../../src/compose/lines.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';
import { run, SIZE } from '../helpers/compose.js';

const registry = FontRegistry.load(ROOT, new Diagnostics());
const env = (o: Partial<AtomEnv> = {}): AtomEnv => ({ hanLatin: 0.25, fallback: () => [registry.face('sans')], ...o });
const options: LineOptions = { measure: 12 * SIZE, align: 'justify', em: SIZE, firstIndent: 2 * SIZE };

/** Frozen all the way down: any assignment into it throws (ES modules are strict). */
function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object' && !Object.isFrozen(v)) {
    Object.freeze(v);
    for (const x of Object.values(v)) deepFreeze(x);
  }
  return v;
}

// Pairs of marks that compress (“，” 。》), a footnote marker against a closing mark, Latin,
// a typed space, a long URL: every path that sets an atom anew.
const TEXTS = [
  '他说：“科技创新，”又说：《规划》。“好”，（甲）【乙】、丙。',
  '见《纲要》①，以及“GDP增长 5 km”。全文见 https://example.org/a/long/path/to/page 处。',
  '一二三四五六七八九十，一二三四五六七八九十。“一二三”、“四五六”；（七八九）！',
];

function runs(text: string): StyledRun[] {
  const k = text.indexOf('①');
  if (k < 0) return [run(text)];
  return [run(text.slice(0, k)), { ...run('①'), note: 'n1', rise: 3 }, run(text.slice(k + 1))];
}

const snapshot = (l: AtomList) => JSON.stringify(l);

describe('the composer does not change its input', () => {
  it.each(TEXTS)('buildAtoms leaves the runs as they were, composeLines the atom list (%s)', (text) => {
    const e = env();
    const input = runs(text);
    const before = JSON.stringify(input.map(({ face: _f, ...r }) => r));
    const list = buildAtoms(input, e);
    expect(JSON.stringify(input.map(({ face: _f, ...r }) => r))).toBe(before);
    const atoms = snapshot(list);
    deepFreeze(list);
    const first = composeLines(list, options);
    const second = composeLines(list, options);
    expect(snapshot(list)).toBe(atoms);
    expect(second).toEqual(first);
    // lines own their glyphs: no glyph object of an atom is handed out
    const own = new Set(list.atoms.flatMap((a) => a.glyphs));
    for (const l of first) for (const g of l.glyphs) expect(own.has(g)).toBe(false);
  });

  it.each([true, false])('sets each paragraph the same after others shared its atoms (compress %s)', (compress) => {
    const shared = env({ compress });
    const alone = TEXTS.map((t) => composeLines(buildAtoms(runs(t), env({ compress })), options));
    // twice over in one build: the second round meets only atoms made in the first
    for (let round = 0; round < 2; round++)
      TEXTS.forEach((t, k) => expect(composeLines(buildAtoms(runs(t), shared), options)).toEqual(alone[k]));
  });
});
