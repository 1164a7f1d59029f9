// Both READMEs document every command and option of the table.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMON, head } from '../../src/cli/commands.js';
import { ROOT } from '../helpers/build.js';

describe('the READMEs', () => {
  for (const name of ['README.md', 'README.zh-CN.md']) {
    it(`${name} names every command and option`, () => {
      const text = readFileSync(join(ROOT, name), 'utf8');
      for (const c of COMMANDS) {
        expect(text, c.id).toContain(head(c));
        for (const o of [...c.options, ...COMMON]) {
          if (o.alias) continue;
          expect(text, `${c.id} --${o.name}`).toMatch(new RegExp(`--${o.name}\\b`));
        }
      }
    });
  }

  it('README.md links the Chinese one at the top', () => {
    const head = readFileSync(join(ROOT, 'README.md'), 'utf8').split('\n').slice(0, 4).join('\n');
    expect(head).toContain('(README.zh-CN.md)');
  });
});
