// Characters no configured font can print: reported where they are, as errors (the page
// would silently lose them), invisible ones by their code point. (Nüshu: no font of the
// project or of Debian's CJK packages has it, so the test holds with Hanazono installed.)
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

describe('characters no font can print', () => {
  it('reports each one at its line and column', () => {
    const r = checkIssue(join(ROOT, 'tests', 'fixtures', 'check-glyphs'), { root: ROOT, archive: 0 });
    expect(r.findings.map((f) => [f.line, f.col, f.severity, f.code])).toEqual([
      [2, 12, 'error', 'glyph-missing'],
      [5, 2, 'error', 'glyph-missing'],
      [5, 14, 'error', 'glyph-missing'],
    ]);
    expect(r.findings[0].message).toBe('no configured font can print "\u{1B170}" (U+1B170); it would be left out');
    expect(r.findings[2].message).toBe('invisible character U+200B that no font prints');
    expect(r.errors).toBe(3);
  });

  it('finds every character of the sample printable', () => {
    expect(checkIssue(SAMPLE, { root: ROOT, archive: 0 }).findings.filter((f) => f.code === 'glyph-missing')).toEqual(
      [],
    );
  });
});
