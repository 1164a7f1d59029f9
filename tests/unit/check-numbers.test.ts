// Digits in one width per issue: ２０２３ beside 2023 is reported (and fixed) at each place.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkIssue } from '../../src/index.js';
import { FindingSink } from '../../src/check/model.js';
import { checkNumbers } from '../../src/check/numbers.js';
import { parseDoc } from '../../src/check/prose.js';
import { ROOT } from '../helpers/build.js';

const doc = (body: string) => parseDoc('/virtual/articles/01-a.md', `---\ntitle: 标题\n---\n\n${body}\n`);

describe('digit widths', () => {
  it('reports full-width digits in an issue that writes numbers half-width, at each place', () => {
    const r = checkIssue(join(ROOT, 'tests', 'fixtures', 'check-numbers'), { root: ROOT, archive: 0 });
    expect(r.findings.map((f) => [f.line, f.col, f.code, f.fix])).toEqual([
      [2, 8, 'number-width', 'write "2023"'],
      [5, 1, 'number-width', 'write "2023"'],
      [7, 13, 'number-width', 'write "2600"'],
    ]);
    expect(r.findings[2].message).toContain('mixed in one number');
    expect(r.findings.every((f) => f.edits)).toBe(true);
  });

  it('accepts an issue written with full-width digits throughout, and one with half-width only', () => {
    for (const body of ['２０２３年增长１５％，达到１２００家。', '2023年增长15%，达到1200家。']) {
      const sink = new FindingSink();
      checkNumbers([doc(body)], sink);
      expect(sink.list).toEqual([]);
    }
  });

  it('compares across the articles of an issue', () => {
    const sink = new FindingSink();
    checkNumbers([doc('２０２３年。'), doc('2024年。')], sink);
    expect(sink.list.map((f) => f.message)).toEqual([
      '"２０２３": full-width digits (the issue writes numbers half-width elsewhere, e.g. 2024)',
    ]);
  });
});
