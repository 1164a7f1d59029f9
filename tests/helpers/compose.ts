// Composes text with the real body font, for unit tests of the composer.
import { buildAtoms, type StyledRun } from '../../src/compose/atoms.js';
import { composeLines, type Line } from '../../src/compose/lines.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import type { Face } from '../../src/text/face.js';
import { ROOT } from './build.js';

export const SIZE = 12;
const registry = FontRegistry.load(ROOT, new Diagnostics());
export const serif: Face = registry.face('serif');
export const sansBold: Face = registry.face('sans-bold');

export interface Set {
  lines: Line[];
  texts: string[];
  missing: string[];
}

export function run(text: string, face: Face = serif): StyledRun {
  return { text, face, size: SIZE, color: '#000000', pos: { file: 't.md', line: 1, col: 1 } };
}

export function compose(
  input: string | StyledRun[],
  chars = 20,
  o: { indent?: number; align?: 'justify' | 'left' | 'center'; hanLatin?: number } = {},
): Set {
  const missing: string[] = [];
  const runs = typeof input === 'string' ? [run(input)] : input;
  const list = buildAtoms(runs, {
    hanLatin: o.hanLatin ?? 0.25,
    fallback: () => [registry.face('sans')],
    missing: (ch) => missing.push(ch),
  });
  const lines = composeLines(list, {
    measure: chars * SIZE,
    firstIndent: (o.indent ?? 0) * SIZE,
    align: o.align ?? 'justify',
    em: SIZE,
  });
  return { lines, texts: lines.map(lineText), missing };
}

export function lineText(l: Line): string {
  return l.glyphs.map((g) => g.text).join('');
}

/** Visible glyphs of a line, left to right, with their advance boxes. */
export function boxes(l: Line) {
  return l.glyphs.filter((g) => g.text.trim()).map((g) => ({ c: g.text, x0: g.x, x1: g.x + g.adv }));
}
