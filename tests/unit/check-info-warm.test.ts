// issue.yaml's numbers as the checks read them (check/archive.ts readInfo), read again and
// again in one process (the preview checks on every save): the same text gives the same
// numbers, each folder its own name, and a changed text its new numbers.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInfo } from '../../src/check/archive.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { parsedBefore, parseYaml } from '../../src/source/fields.js';

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

  it('reads the numbers from the loader’s parse of the same text as from a parse of its own', () => {
    const base = mkdtempSync(join(tmpdir(), 'bulletin-info-'));
    const read = (yaml: string, loaderFirst: boolean) => {
      const d = mkdtempSync(join(base, 'i-'));
      writeFileSync(join(d, 'issue.yaml'), yaml);
      if (loaderFirst) expect(parseYaml(yaml, 'issue.yaml', new Diagnostics())).not.toBeNull();
      if (loaderFirst) expect(parsedBefore(yaml)).toBeDefined();
      const { dir: _dir, name: _name, ...numbers } = readInfo(d);
      return numbers;
    };
    const texts = [
      'title: 科技情报参考\nyear: 2024\nnumber: 06\ndate: 2024-06-28\ntotal: "58"\ntemplate: gongwen\n',
      "year: '2024' # quoted\nnumber: 7\ndate: 2024-7-1\ncolophon:\n  editor: 李涛\n",
      'number: 8\nyear: 2024\ndate: "2024-08-30"\n',
    ];
    // (each text a little different, so that neither read finds the other's in a memory)
    texts.forEach((text, i) => expect(read(`${text}# ${i} a\n`, true)).toEqual(read(`${text}# ${i} b\n`, false)));
    // a text the loader refuses (a key twice) is read leniently, the last value kept
    const twice = 'year: 2024\nnumber: 5\nnumber: 6\n';
    expect(parseYaml(twice, 'issue.yaml', new Diagnostics())).toBeNull();
    expect(parsedBefore(twice)).toBeUndefined();
    expect(read(twice, false)).toMatchObject({ year: 2024, number: 6 });
  });
});
