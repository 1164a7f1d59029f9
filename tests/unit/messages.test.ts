// The message catalogue: every entry in both languages with the same placeholders; every
// key and every diagnostic code the sources use is in it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMON } from '../../src/cli/commands.js';
import { MESSAGES } from '../../src/core/messages.js';
import { placeholders, t } from '../../src/core/text.js';
import { diagnostic, formatDiagnostic } from '../../src/source/diagnostics.js';
import { ROOT } from '../helpers/build.js';

function sources(dir = join(ROOT, 'src')): { file: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') ? [{ file: path.slice(ROOT.length + 1), text: readFileSync(path, 'utf8') }] : [];
  });
}

/** Codes given where a diagnostic is made: .error('code', …), sink.add('warning', 'code', …), report(c, k, 'code', …), code: 'code'. */
const CODE_SITES = [
  /\.(?:error|warn|note)\(\s*'([a-z0-9-]+)'/g,
  /\.add\(\s*(?:'(?:error|warning|note)'|[a-z]+ \? '(?:error|warning)' : '(?:error|warning)'|[a-z.]+)\s*,\s*'([a-z0-9-]+)'/g,
  /\breport\(\s*c\s*,\s*[a-z.[\]0-9]+\s*,\s*'([a-z0-9-]+)'/g,
  /\bcode: '([a-z0-9-]+)'/g,
  /\bwhole\(\s*'([a-z0-9-]+)'/g,
  /\bdiagnostic\(\s*'(?:error|warning|note)'\s*,\s*'([a-z0-9-]+)'/g,
];

/**
 * Codes whose messages are still written in English at the place they are made: the known
 * gap, listed so it can only shrink (a code converted must be taken off this list).
 */
const NOT_YET: string[] = [
  'dup-archive', 'dup-article', 'dup-paragraph', 'font-changed', 'font-manifest', 'font-role',
  'glyph-missing', 'han-space', 'heading-skip', 'internal', 'layout-overflow', 'md-footnote-unknown', 'md-footnote-unused',
  'md-h1', 'md-heading-level', 'md-html', 'md-image', 'md-image-inline', 'md-image-place',
  'md-nesting', 'number-width', 'punct-dash', 'punct-doubled', 'punct-ellipsis', 'punct-quote',
  'punct-space', 'punct-unbalanced', 'punct-width', 'table-narrow', 'template-missing',
  'title-toc',
];

describe('the message catalogue', () => {
  it('has every entry in English and Chinese, with the same placeholders', () => {
    for (const [key, e] of Object.entries(MESSAGES)) {
      expect(e.en.trim(), key).not.toBe('');
      expect(e.zh.trim(), key).not.toBe('');
      expect(placeholders(e.zh), key).toEqual(placeholders(e.en));
      // Chinese sentences take Chinese punctuation: no ASCII comma, semicolon, ! or ? after a Chinese character.
      expect(e.zh, key).not.toMatch(/[\u4e00-\u9fff][,;!?]/);
    }
  });

  it('has every key the sources ask for', () => {
    const missing: string[] = [];
    for (const { file, text } of sources()) {
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9.-]+)'/g)) if (!MESSAGES[m[1]]) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
    for (const c of COMMANDS) {
      for (const k of ['summary', 'about', 'after']) expect(MESSAGES[`help.${c.name}.${k}`], `help.${c.name}.${k}`).toBeDefined();
      for (const o of c.options) if (!o.alias) expect(MESSAGES[`help.${c.name}.${o.name}`], `help.${c.name}.${o.name}`).toBeDefined();
    }
    for (const o of COMMON) expect(MESSAGES[`help.opt.${o.name}`]).toBeDefined();
  });

  it('has an entry for every diagnostic code used in src/', () => {
    const codes = new Map<string, string>();
    for (const { file, text } of sources()) for (const re of CODE_SITES) for (const m of text.matchAll(re)) codes.set(m[1], file);
    expect(codes.size).toBeGreaterThan(40); // the scan finds the codes at all
    const keys = Object.keys(MESSAGES);
    const missing = [...codes].filter(([code]) => !keys.some((k) => k === code || k.startsWith(`${code}.`))).map(([code, file]) => `${code} (${file})`);
    expect(missing.filter((m) => !NOT_YET.includes(m.split(' ')[0]))).toEqual([]);
    // The gap only shrinks: a code converted comes off the list.
    expect(NOT_YET.filter((c) => !missing.some((m) => m.startsWith(`${c} `)))).toEqual([]);
  });

  it('puts a diagnostic into the reader\'s language, English by default', () => {
    const d = diagnostic('error', 'fix-failed', { file: 'a.md', line: 3, col: 1 }, t('fix-failed', { why: t('cli.why.EACCES') }), t('fix-failed.fix'));
    expect(formatDiagnostic(d)).toBe('a.md:3:1: error: cannot write the fixes: permission denied; the file is unchanged (fix it by hand, or free the disk and run again)');
    expect(formatDiagnostic(d, 'zh')).toBe('a.md:3:1: 错误: 无法写入改动：没有权限；文件未作改动（请手工改正，或腾出磁盘空间后再运行）');
    expect(JSON.stringify({ m: d.text })).toBe(JSON.stringify({ m: d.message }));
  });
});
