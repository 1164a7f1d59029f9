// An article pasted into several files: the checker parses and proofreads its text once,
// and must still report every copy under its own name, exactly as if each were read alone.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CheckMemory, checkIssue } from '../../src/check/index.js';
import { loadIssue } from '../../src/source/load.js';
import { previousIssues } from '../../src/source/siblings.js';
import { ROOT } from '../helpers/build.js';

const FIXTURES = join(ROOT, 'tests', 'fixtures');

/** check-punctuation and check-numbers in one folder, each article three times over. */
function pasted(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'bulletin-twins-')), 'issue');
  cpSync(join(FIXTURES, 'check-punctuation'), dir, { recursive: true });
  const punct = readFileSync(join(dir, 'articles', '01-biaodian.md'), 'utf8');
  const digits = readFileSync(join(FIXTURES, 'check-numbers', 'articles', '01-shuzi.md'), 'utf8');
  writeFileSync(join(dir, 'articles', '02-shuzi.md'), digits);
  writeFileSync(join(dir, 'articles', '03-biaodian-copy.md'), punct);
  writeFileSync(join(dir, 'articles', '04-shuzi-copy.md'), digits);
  writeFileSync(join(dir, 'articles', '05-biaodian-again.md'), punct);
  return dir;
}

describe('an article in several files', () => {
  it('is reported under each name as if read alone, from the build’s parse or not, cold or warm', () => {
    const dir = pasted();
    const issue = loadIssue(dir, {}).issue!;
    // Without the build's parse each file is read and parsed on its own: no twins.
    const alone = checkIssue(dir, { root: ROOT, schema: false, template: false }).findings;
    const twins = checkIssue(dir, { root: ROOT, schema: false, template: false, issue }).findings;
    expect(twins).toEqual(alone);
    const memory = new CheckMemory();
    for (let n = 0; n < 2; n++)
      expect(checkIssue(dir, { root: ROOT, schema: false, template: false, issue, memory }).findings).toEqual(alone);
    // Every copy has the original's punctuation and number findings, at the same places.
    const at = (file: string) =>
      alone.filter((f) => f.file.endsWith(file) && !f.code.startsWith('dup-')).map(({ file: _f, path: _p, ...f }) => f);
    expect(at('01-biaodian.md').length).toBeGreaterThan(5);
    expect(at('03-biaodian-copy.md')).toEqual(at('01-biaodian.md'));
    expect(at('05-biaodian-again.md')).toEqual(at('01-biaodian.md'));
    expect(at('02-shuzi.md').length).toBeGreaterThan(0);
    expect(at('04-shuzi-copy.md')).toEqual(at('02-shuzi.md'));
    // and the fixes apply to each file's own path
    for (const f of alone.filter((x) => x.edits))
      expect(f.path!.endsWith(f.file.replace(/.*articles\//, ''))).toBe(true);
  });
});

describe('back issues', () => {
  it('are looked for only beside a folder named with digits', () => {
    const parent = mkdtempSync(join(tmpdir(), 'bulletin-siblings-'));
    for (const name of ['2023-04', '2023-05', '2023-06', 'stress', 'stress2']) {
      cpSync(join(FIXTURES, 'check-clean'), join(parent, name), { recursive: true });
    }
    expect(previousIssues(join(parent, '2023-06'), 12).map((d) => d.slice(parent.length + 1))).toEqual([
      '2023-04',
      '2023-05',
    ]);
    expect(previousIssues(join(parent, 'stress'), 12)).toEqual([]);
    expect(previousIssues(join(parent, 'stress2'), 12)).toEqual([]);
  });
});
