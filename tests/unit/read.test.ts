// Reading the editors' text files: encodings recognised, problems placed; one article rule;
// image limits from the text block; printouts capped.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listArticles } from '../../src/source/articles.js';
import { capped, type Diagnostic } from '../../src/source/diagnostics.js';
import { DEFAULT_LIMITS, imageLimits } from '../../src/source/image.js';
import { decodeText, isProblem } from '../../src/source/read.js';
import { gbk, utf16 } from '../helpers/bad-input.js';

const TEXT = '---\ntitle: 标题\n---\n\n正文，第一段。\n';

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte-order mark', () => {
    expect(decodeText(Buffer.from(TEXT), 'a.md')).toEqual({ text: TEXT, encoding: 'utf-8', bom: false });
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]), 'a.md')).toEqual({
      text: TEXT,
      encoding: 'utf-8',
      bom: true,
    });
  });

  it('decodes UTF-16 with a byte-order mark, either way round', () => {
    expect(decodeText(utf16(TEXT, 'le'), 'a.md')).toEqual({ text: TEXT, encoding: 'utf-16le', bom: true });
    expect(decodeText(utf16(TEXT, 'be'), 'a.md')).toEqual({ text: TEXT, encoding: 'utf-16be', bom: true });
  });

  it('names GBK, Big5 and UTF-16 without a mark', () => {
    const g = decodeText(gbk(TEXT), 'a.md');
    expect(isProblem(g) && String(g.message)).toBe('the file is not UTF-8 (it looks like GBK)');
    // The brief's own example, as a Chinese editor reads it.
    expect(isProblem(g) && `${g.message.in('zh')}：${g.fix.in('zh')}`).toBe(
      '文件不是 UTF-8 编码（看起来是 GBK）：请用 iconv 转换：iconv -f GB18030 -t UTF-8 a.md > a.md.utf8 && mv a.md.utf8 a.md（或在编辑器中另存为 UTF-8 编码）',
    );
    const big5 = Buffer.from([
      0x2d, 0x2d, 0x2d, 0x0a, 0xa4, 0xa4, 0xa4, 0xe5, 0xaa, 0xba, 0xa4, 0xe5, 0xb3, 0xb9, 0x0a,
    ]); // ---\n中文的文章
    const b = decodeText(big5, 'a.md');
    expect(isProblem(b) && String(b.message)).toBe('the file is not UTF-8 (it looks like Big5)');
    const u = decodeText(utf16(TEXT, 'le', false), 'a.md');
    expect(isProblem(u) && String(u.message)).toMatch(/UTF-16 without a byte-order mark/);
  });

  it('places a stray byte and a NUL byte at their line and column', () => {
    const bad = decodeText(
      Buffer.concat([Buffer.from('第一行\n第二行ab'), Buffer.from([0xff]), Buffer.from('\n')]),
      'a.md',
    );
    expect(isProblem(bad) && [bad.line, bad.col, String(bad.message)]).toEqual([
      2,
      6,
      'the file is not valid UTF-8: byte 0xff here belongs to no character',
    ]);
    const nul = decodeText(Buffer.from('一\n二三\0'), 'a.md');
    expect(isProblem(nul) && [nul.line, nul.col]).toEqual([2, 3]);
  });

  it('does not take Latin text with one stray byte for Chinese', () => {
    const r = decodeText(Buffer.from('Caf\xe9 au lait, a plain English line of text.\n', 'latin1'), 'a.md');
    expect(isProblem(r) && r.code).toBe('encoding-utf8');
  });
});

describe('listArticles', () => {
  it('takes .md in any case, and accounts for every other entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bulletin-list-'));
    for (const n of [
      '01-a.md',
      '02-b.MD',
      '03-c.txt',
      '01-a.md~',
      '.#01-a.md',
      '._01-a.md',
      'chart.png',
      'notes.pdf',
      '.DS_Store',
    ])
      writeFileSync(join(dir, n), 'x');
    mkdirSync(join(dir, 'images'));
    const l = listArticles(dir);
    expect(l.articles.map((a) => a.name)).toEqual(['01-a.md', '02-b.MD']);
    expect(l.others.map((o) => [o.name, o.severity])).toEqual([
      ['.#01-a.md', 'note'],
      ['._01-a.md', 'note'],
      ['01-a.md~', 'note'],
      ['03-c.txt', 'error'],
      ['notes.pdf', 'warning'],
    ]);
  });
});

describe('image limits', () => {
  it('come from the text block at 600 dpi', () => {
    expect(DEFAULT_LIMITS.block).toEqual({ width: 3800, height: 5683 });
    expect(DEFAULT_LIMITS.pixels).toBe(4 * 3800 * 5683);
    const a3 = imageLimits({ width: 2 * 456, height: 2 * 682 });
    expect(a3.block).toEqual({ width: 7600, height: 11367 });
    expect(a3.pixels).toBe(4 * 7600 * 11367);
  });
});

describe('capped', () => {
  it('shows at most 20 of a code and counts the rest', () => {
    const d = (code: string, k: number): Diagnostic => ({
      file: 'a.md',
      line: k,
      col: 1,
      severity: 'warning',
      code,
      message: 'm',
    });
    const list = [...Array.from({ length: 25 }, (_, k) => d('dup-paragraph', k)), d('punct-width', 1)];
    const { shown, more } = capped(list);
    expect(shown.length).toBe(21);
    expect(more).toEqual(['… and 5 more warnings [dup-paragraph] not shown']);
  });
});
