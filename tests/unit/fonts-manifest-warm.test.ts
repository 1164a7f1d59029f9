// The font manifest read again in one process (the preview's rebuilds): when its text is the
// same, the roles read last time are handed out again, with what reading it said; when it
// changed, it is read afresh.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FontRegistry } from '../../src/fonts/registry.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';

const SERIF = 'node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf';

function load(root: string) {
  const diags = new Diagnostics();
  const fonts = FontRegistry.load(root, diags);
  return { fonts, said: diags.list.map((d) => `${d.code} ${d.file}:${d.line}:${d.col} ${d.message}`) };
}

describe('the font manifest read again', () => {
  it('gives the same roles and diagnostics without parsing an unchanged text, and reads a changed one', () => {
    const root = mkdtempSync(join(tmpdir(), 'bulletin-manifest-'));
    symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
    mkdirSync(join(root, 'fonts'));
    const manifest = join(root, 'fonts', 'fonts.yaml');
    // (a role with neither file nor family: an error at its line)
    writeFileSync(manifest, `roles:\n  serif:\n    file: ${SERIF}\n  broken:\n    sha256: abc\n`);
    const first = load(root);
    expect(first.said).toEqual([expect.stringMatching(/^font-manifest .*fonts\.yaml:4:3 /)]);
    const second = load(root);
    expect(second.fonts).not.toBe(first.fonts);
    expect(second.said).toEqual(first.said);
    expect([...second.fonts.entries.keys()]).toEqual(['serif']);
    // the very entries read last time: not parsed again
    expect(second.fonts.entries.get('serif')).toBe(first.fonts.entries.get('serif'));
    expect(second.fonts.resolve('serif')).toEqual(first.fonts.resolve('serif'));

    writeFileSync(manifest, `roles:\n  serif:\n    file: ${SERIF}\n  sans:\n    file: ${SERIF}\n`);
    const third = load(root);
    expect(third.said).toEqual([]);
    expect([...third.fonts.entries.keys()]).toEqual(['serif', 'sans']);
    expect(third.fonts.entries.get('serif')).not.toBe(first.fonts.entries.get('serif'));
    expect(third.fonts.verify('sans')).toBe(true);
  });
});
