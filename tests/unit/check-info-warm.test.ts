// issue.yaml's numbers as the checks read them (check/archive.ts readInfo), read again and
// again in one process (the preview checks on every save): the same text gives the same
// numbers, each folder its own name, and a changed text its new numbers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInfo } from '../../src/check/archive.js';

describe('issue.yaml read again by the checks', () => {
  it('gives each folder its name, and the numbers of the text as it is now', () => {
    const base = mkdtempSync(join(tmpdir(), 'bulletin-info-'));
    const [a, b] = ['2023-05', '2023-06'].map((n) => join(base, n));
    const yaml = 'title: 科技情报参考\nyear: 2023\nnumber: 5\ndate: 2023-05-31\ntotal: 57\n';
    for (const d of [a, b]) {
      mkdirSync(d);
      writeFileSync(join(d, 'issue.yaml'), yaml);
    }
    const first = readInfo(a);
    expect(first).toEqual({ dir: a, name: '2023-05', year: 2023, number: 5, date: '2023-05-31', total: 57 });
    expect(readInfo(a)).toEqual(first);
    expect(readInfo(b)).toEqual({ ...first, dir: b, name: '2023-06' });
    readInfo(b).number = 99; // a caller's change stays its own
    expect(readInfo(b).number).toBe(5);
    writeFileSync(
      join(b, 'issue.yaml'),
      yaml.replace('number: 5', 'number: 6').replace('total: 57\n', 'template: gongwen\n'),
    );
    expect(readInfo(b)).toEqual({
      dir: b,
      name: '2023-06',
      year: 2023,
      number: 6,
      date: '2023-05-31',
      template: 'gongwen',
    });
    expect(readInfo(a)).toEqual(first);
  });
});
