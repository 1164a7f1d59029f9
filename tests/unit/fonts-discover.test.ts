// Fonts found by family name: read from their name tables in fonts/local/ and the system's
// fonts; a role resolved to its file, an installed family, a free face standing in, or
// nothing; `bulletin fonts` lists them, with an issue's characters by font.
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cachedScan, describeFont, findFamily, fontsIn, systemFonts } from '../../src/fonts/discover.js';
import { FontRegistry } from '../../src/fonts/registry.js';
import { fontsReport } from '../../src/fonts/report.js';
import { Diagnostics } from '../../src/source/diagnostics.js';
import { ROOT, SAMPLE } from '../helpers/build.js';

const NOTO = join(
  ROOT,
  'node_modules',
  '@expo-google-fonts',
  'noto-serif-sc',
  '400Regular',
  'NotoSerifSC_400Regular.ttf',
);

/** A project root whose fonts/local/ holds a copy of Noto Serif SC under an office's file name. */
function rootWithLocal(manifest: string): string {
  const root = mkdtempSync(join(tmpdir(), 'bulletin-fonts-'));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  cpSync(join(ROOT, 'templates'), join(root, 'templates'), { recursive: true });
  mkdirSync(join(root, 'fonts', 'local'), { recursive: true });
  copyFileSync(NOTO, join(root, 'fonts', 'local', 'OFFICE.TTF'));
  writeFileSync(join(root, 'fonts', 'fonts.yaml'), manifest);
  return root;
}

const BASE = `roles:
  serif:
    file: node_modules/@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf
`;

describe('fonts by family name', () => {
  it('reads a font’s family, style and outline format from its name table', () => {
    const f = describeFont(NOTO, 'local');
    expect(f.families).toContain('Noto Serif SC');
    expect(f.style).toBe('Regular');
    expect(f.format).toBe('truetype');
  });

  it('finds a family in fonts/local/ by any of its names, ignoring case, spaces and underscores', () => {
    const root = rootWithLocal(BASE);
    const local = join(root, 'fonts', 'local');
    expect(fontsIn(local).map((f) => f.file)).toEqual([join(local, 'OFFICE.TTF')]);
    expect(findFamily(['仿宋_GB2312', 'noto_serif_sc'], local, false)?.file).toBe(join(local, 'OFFICE.TTF'));
    expect(findFamily(['仿宋_GB2312'], local, false)).toBeUndefined();
  });

  it('resolves each kind of role: a file, a family installed, a stand-in, nothing', () => {
    const root = rootWithLocal(`${BASE}  office:
    family: [仿宋_GB2312, Noto Serif SC]
  licensed:
    family: [方正小标宋简体]
    else: serif
  rare:
    family: [A Family Nobody Has]
  broken:
    file: fonts/local/GONE.TTF
`);
    const fonts = FontRegistry.load(root, new Diagnostics());
    expect(fonts.resolve('serif').kind).toBe('file');
    expect(fonts.resolve('office')).toMatchObject({ kind: 'family', family: 'Noto Serif SC', where: 'local' });
    expect(fonts.resolve('licensed')).toEqual({ kind: 'substitute', role: 'serif', wanted: ['方正小标宋简体'] });
    expect(fonts.face('licensed')).toBe(fonts.face('serif')); // one font, embedded once
    expect(fonts.resolve('rare')).toMatchObject({ kind: 'missing' });
    expect(fonts.has('rare')).toBe(false);
    expect(fonts.defines('rare')).toBe(true);
    const broken = fonts.resolve('broken');
    expect(broken.kind).toBe('missing');
    expect(String((broken as { why: unknown }).why)).toMatch(/GONE\.TTF is not there/);
  });

  it('uses a licensed face from fonts/local/ in gongwen when one is there, and says nothing', async () => {
    const root = rootWithLocal(`${BASE}  serif-bold:
    file: node_modules/@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf
  sans:
    file: node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf
  sans-bold:
    file: node_modules/@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf
  serif-black:
    file: node_modules/@expo-google-fonts/noto-serif-sc/900Black/NotoSerifSC_900Black.ttf
  fangsong:
    family: [仿宋_GB2312, Noto Serif SC]
    else: serif
  xiaobiaosong:
    family: [方正小标宋简体]
    else: serif-bold
  heiti:
    family: [黑体]
    else: sans-bold
  hanamin-a:
    family: [HanaMinA]
  hanamin-b:
    family: [HanaMinB]
  babelstone:
    family: [BabelStone Han]
  symbols:
    family: [DejaVu Sans]
`);
    const { build } = await import('../../src/index.js');
    const r = await build(SAMPLE, { root, template: 'gongwen' });
    const said = r.diagnostics.find((d) => d.code === 'font-substitute')!;
    expect(said.message).not.toMatch(/fangsong/); // found in fonts/local/
    expect(said.message).toMatch(/方正小标宋简体 \(xiaobiaosong\)/);
  });
});

describe('the system scan kept on disk', () => {
  it('is reused only while every folder, configuration file and font it saw is unchanged', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'bulletin-scan-')), 'system-fonts.json');
    const scanned = systemFonts(true, file);
    expect(cachedScan(file)).toEqual(scanned);
    const kept = JSON.parse(readFileSync(file, 'utf8')) as { inputs: Record<string, number>; fonts: object[] };
    expect(Object.keys(kept.inputs)).toContain('/etc/fonts');
    // a folder whose date moved (a font installed or removed): scanned again
    const folder = Object.keys(kept.inputs)[0];
    writeFileSync(file, JSON.stringify({ ...kept, inputs: { ...kept.inputs, [folder]: kept.inputs[folder] + 1 } }));
    expect(cachedScan(file)).toBeUndefined();
    // a font file rewritten in place (same folder date): scanned again
    const font = {
      ...(kept.fonts[0] ?? { file: NOTO, families: ['X'], style: '', format: 'truetype', where: 'system' }),
      stamp: '1:1',
    };
    writeFileSync(file, JSON.stringify({ ...kept, fonts: [font] }));
    expect(cachedScan(file)).toBeUndefined();
    writeFileSync(file, '{"format":0}');
    expect(cachedScan(file)).toBeUndefined();
  });
});

describe('bulletin fonts', () => {
  it('reports the roles, the chain and the sample’s characters, all with a font', () => {
    const r = fontsReport(ROOT, { issueDir: SAMPLE });
    expect(r.template).toBe('default');
    const serif = r.roles.find((x) => x.role === 'serif')!;
    expect(serif.family).toBe('Noto Serif SC');
    expect(serif.coverage!.CJK).toBe(20992);
    expect(r.fallback.slice(0, 2)).toEqual(['serif', 'sans']);
    expect(r.issue!.chars).toBeGreaterThan(500);
    expect(r.issue!.missing).toEqual([]);
  });

  it('names the characters no font has at their first place, and exits 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulletin-issue-'));
    cpSync(join(ROOT, 'tests', 'fixtures', 'check-glyphs'), dir, { recursive: true });
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'bulletin.js'), 'fonts', dir], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/no font has 1:\n.*articles\/01-yitizi\.md:2:12: "𛅰" \(U\+1B170\)/);
    expect(r.stdout).toMatch(/^Font roles/);
    const usage = spawnSync(process.execPath, [join(ROOT, 'bin', 'bulletin.js'), 'fonts', '--bogus'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(usage.status).toBe(2);
  });
});
