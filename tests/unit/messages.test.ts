// The message catalogue: every entry in both languages with the same placeholders; every
// key and every diagnostic code the sources use is in it.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, COMMON, optionKey } from '../../src/cli/commands.js';
import { MESSAGES } from '../../src/core/messages.js';
// The Markdown constructs' own texts join the catalogue when their registry is loaded.
import '../../src/constructs/index.js';
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

/** Where a diagnostic, a finding or a problem is made, whatever its code. */
const CALL_SITES =
  /\b(?:(?:diags|sink|this\.diags|ctx\.diags|ts\.diags|c\.sink)\.(error|warn|note|add)|(diagnostic)|(report)|(whole))\(/g;

const lineOf = (text: string, at: number): number => text.slice(0, at).split('\n').length;

/** The arguments of the call whose "(" is at `open`, as written (strings and brackets kept whole). */
function argumentsAt(text: string, open: number): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let cur = '';
  for (let j = open + 1; j < text.length; j++) {
    const ch = text[j];
    if (quote) {
      cur += ch;
      if (ch === '\\') cur += text[++j];
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') {
      quote = ch;
      cur += ch;
    } else if ('([{'.includes(ch)) {
      depth++;
      cur += ch;
    } else if (')]}'.includes(ch)) {
      if (depth === 0) break;
      depth--;
      cur += ch;
    } else if (ch === ',' && depth === 0) {
      out.push(cur.trim());
      cur = '';
    } else cur += ch;
  }
  out.push(cur.trim());
  return out;
}

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
      for (const m of text.matchAll(/\b(?:t|tr)\(\s*'([a-zA-Z0-9.-]+)'/g))
        if (!MESSAGES[m[1]]) missing.push(`${file}: ${m[1]}`);
    }
    expect(missing).toEqual([]);
    for (const c of COMMANDS) {
      for (const k of ['summary', 'about', 'after'])
        expect(MESSAGES[`help.${c.id}.${k}`], `help.${c.id}.${k}`).toBeDefined();
      for (const o of c.options)
        if (!o.alias && o.name !== c.form) expect(MESSAGES[optionKey(c, o)], optionKey(c, o)).toBeDefined();
      if (c.needs) expect(MESSAGES[c.needs], c.needs).toBeDefined();
    }
    for (const o of COMMON) expect(MESSAGES[optionKey(undefined, o)]).toBeDefined();
  });

  it('has an entry for every diagnostic code used in src/', () => {
    const codes = new Map<string, string>();
    for (const { file, text } of sources())
      for (const re of CODE_SITES) for (const m of text.matchAll(re)) codes.set(m[1], file);
    expect(codes.size).toBeGreaterThan(40); // the scan finds the codes at all
    const keys = Object.keys(MESSAGES);
    const missing = [...codes]
      .filter(([code]) => !keys.some((k) => k === code || k.startsWith(`${code}.`)))
      .map(([code, file]) => `${code} (${file})`);
    expect(missing).toEqual([]);
  });

  it('is where every diagnostic takes its words: no English written at the place one is made', () => {
    const english: string[] = [];
    for (const { file, text } of sources()) {
      if (file.endsWith('core/messages.ts')) continue;
      for (const m of text.matchAll(CALL_SITES)) {
        const [, method, diagnosticFn, reportFn, wholeFn] = m;
        // The message's place among the arguments: sink.add(severity, code, pos, message, fix), …
        const k = method === 'add' || diagnosticFn || reportFn ? 3 : wholeFn ? 1 : 2;
        const args = argumentsAt(text, m.index + m[0].length - 1);
        for (const a of args.slice(k, k + 2))
          if (/^['"`]/.test(a)) english.push(`${file}:${lineOf(text, m.index)}: ${a.slice(0, 60)}`);
      }
      for (const m of text.matchAll(/\b(?:message|fix): ['"`]/g))
        english.push(`${file}:${lineOf(text, m.index)}: ${text.slice(m.index, m.index + 60)}`);
    }
    expect(english).toEqual([]);
  });

  it("puts a diagnostic into the reader's language, English by default", () => {
    const d = diagnostic(
      'error',
      'fix-failed',
      { file: 'a.md', line: 3, col: 1 },
      t('fix-failed', { why: t('cli.why.EACCES') }),
      t('fix-failed.fix'),
    );
    expect(formatDiagnostic(d)).toBe(
      'a.md:3:1: error: cannot write the fixes: permission denied; the file is unchanged (fix it by hand, or free the disk and run again)',
    );
    expect(formatDiagnostic(d, 'zh')).toBe(
      'a.md:3:1: 错误: 无法写入改动：没有权限；文件未作改动（请手工改正，或腾出磁盘空间后再运行）',
    );
    expect(JSON.stringify({ m: d.text })).toBe(JSON.stringify({ m: d.message }));
  });
});
