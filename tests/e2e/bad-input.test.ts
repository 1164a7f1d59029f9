// Every kind of bad or unusual input an editor's machine can hand the command, in one table.
// Each case damages a fresh issue folder as a person or a program would and runs the command:
// it must end with the exit code given (1 for what the user can fix, 0 when the input prints),
// name the file (and line, where there is one) in its message, print no stack trace, and
// leave an existing PDF at the output path byte for byte as it was when it fails.
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/build.js';
import {
  baseIssue,
  canDropPrivileges,
  gbk,
  ISSUE_YAML,
  jpegHead,
  openTo,
  png,
  projectCopy,
  runBulletin,
  utf16,
  type Run,
} from '../helpers/bad-input.js';
import { readPdf, squash } from '../helpers/pdf.js';

interface Ctx {
  /** The issue folder (…/2023-06), its parent (the working directory), and the PDF's path. */
  dir: string;
  tmp: string;
  out: string;
  /** The project the command runs from (a damaged copy for template and font cases). */
  root: string;
}

interface Case {
  name: string;
  /** Damages the issue (or the project copy); may return the arguments to run instead of the defaults. */
  make: (c: Ctx) => void | string[] | Promise<void | string[]>;
  /** build (the default) writes to c.out; check and fix run bulletin check [--fix]. */
  cmd?: 'build' | 'check' | 'fix';
  code: 0 | 1;
  /** The file the message names, relative to the issue folder (or, with a leading /, to the project); none when the input prints without a word. */
  names?: string | ((c: Ctx) => string);
  line?: number;
  says?: RegExp;
  /** Run as an ordinary user: permissions bind. */
  user?: boolean;
  /** Takes permissions away, just before the run (after the folders are opened to that user). */
  lock?: (c: Ctx) => void;
  /** Needs a copy of the project to damage (templates/, fonts/). */
  project?: boolean;
  /** For code 0: texts the PDF must hold (whitespace ignored). */
  prints?: string[];
  /** More to check afterwards. */
  then?: (c: Ctx, r: Run) => void;
}

const article = (name: string, text: string) => (c: Ctx) => writeFileSync(join(c.dir, 'articles', name), text);
const append = (name: string, text: string) => (c: Ctx) => appendFileSync(join(c.dir, 'articles', name), text);
const yaml = (from: string | RegExp, to: string) => (c: Ctx) =>
  writeFileSync(join(c.dir, 'issue.yaml'), ISSUE_YAML.replace(from, to));
const ART = (title: string, body: string) => `---\ntitle: ${title}\n---\n\n${body}\n`;

const unchanged = (path: string, before: Buffer) => () =>
  expect(readFileSync(path).equals(before), `${path} was changed`).toBe(true);

// A list and a quote nested twelve deep, with a footnote whose definition comes after them.
const DEEP_LIST = ART(
  '深层列表',
  [
    '开头的段落引用了脚注[^deep]。',
    '',
    ...Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层列表项`),
    '',
    '列表之后的段落。',
    '',
    '[^deep]: 列表之后的脚注内容。',
  ].join('\n'),
);
const DEEP_QUOTE = ART(
  '深层引文',
  [
    '开头的段落引用了脚注[^q]。',
    '',
    ...Array.from({ length: 12 }, (_, i) => `${'>'.repeat(i + 1)} 第${i + 1}层引文\n${'>'.repeat(i + 1)}`),
    '',
    '引文之后的段落。',
    '',
    '[^q]: 引文之后的脚注内容。',
  ].join('\n'),
);
const DEEPER_LIST = ART(
  '更深的列表',
  [...Array.from({ length: 40 }, (_, i) => `${'  '.repeat(i)}- 第${i + 1}层`), '', '最深的列表之后的段落。'].join('\n'),
);
const GBK_TEXT = ART('编码有误的文章', '这篇文章是用记事本以 GBK 保存的。\n\n第二段文字。');
/** Something --fix would change (发展,创新), and a byte that is not UTF-8 further on. */
const NOT_UTF8 = Buffer.concat([
  Buffer.from('---\ntitle: 坏字节\n---\n\n发展,创新。\n\n第二段 caf'),
  Buffer.from([0xe9]),
  Buffer.from('。\n'),
]);
const LATIN1_HEAD = '---\ntitle: 混入坏字节\n---\n\n第一段文字。\n\n第二段里有一个坏字节：caf';

const CASES: Case[] = [
  // --- 2. what counts as an article
  {
    name: 'an article named .MD prints',
    make: article('03-x.MD', ART('大写扩展名', '大写扩展名的文章也要印出来。')),
    code: 0,
    prints: ['大写扩展名的文章也要印出来'],
    then: (c, r) => expect(r.err).not.toContain('03-x.MD'),
  },
  {
    name: 'an article saved as .txt',
    make: article('03-x.txt', ART('文本文件', '正文。')),
    code: 1,
    names: 'articles/03-x.txt',
    says: /named like an article but is not a \.md file.*rename it to 03-x\.md/,
  },
  {
    name: 'an article saved as .markdown',
    make: article('03-x.markdown', ART('另一种扩展名', '正文。')),
    code: 1,
    names: 'articles/03-x.markdown',
    says: /not a \.md file/,
  },
  {
    name: 'a Word file among the articles',
    make: article('03-x.docx', 'PK\u0003\u0004 not really a Word file'),
    code: 1,
    names: 'articles/03-x.docx',
    says: /save it as Markdown text, named 03-x\.md/,
  },
  {
    name: 'an unrelated file among the articles',
    make: article('notes.pdf', '%PDF-1.4 notes'),
    code: 0,
    names: 'articles/notes.pdf',
    says: /warning: notes\.pdf is not an article/,
  },
  {
    name: 'editor backups, lock and metadata files are passed over with a note',
    make: (c) => {
      const a = join(c.dir, 'articles');
      copyFileSync(join(a, '01-a.md'), join(a, '01-a.md~'));
      symlinkSync('user@host.1234:1700000000', join(a, '.#01-a.md'));
      writeFileSync(join(a, '._01-a.md'), Buffer.from([0x00, 0x05, 0x16, 0x07, 0x00, 0x02, 0x00, 0x00]));
      writeFileSync(join(a, '.01-a.md.swp'), Buffer.from([0x62, 0x30, 0x56, 0x49, 0x4d, 0x00]));
    },
    code: 0,
    names: 'articles/01-a.md~',
    says: /note: 01-a\.md~ is an editor backup, not an article/,
    then: (_c, r) => {
      expect(r.err).toMatch(/note: \.#01-a\.md is an editor lock or autosave file/);
      expect(r.err).toMatch(/note: \._01-a\.md is macOS metadata/);
      expect(r.err).not.toMatch(/error/);
    },
  },
  {
    name: 'an article without an order number',
    make: article('notes.md', ART('没有序号', '正文。')),
    code: 1,
    names: 'articles/notes.md',
    says: /has no order prefix/,
  },
  {
    name: 'two articles with one number',
    make: article('02-c.md', ART('同号文章', '正文。')),
    code: 1,
    names: 'articles/02-c.md',
    says: /two articles share the number 02/,
  },
  {
    name: 'an empty articles folder',
    make: (c) => {
      rmSync(join(c.dir, 'articles'), { recursive: true, force: true });
      mkdirSync(join(c.dir, 'articles'));
    },
    code: 1,
    names: 'articles',
    says: /the issue has no articles/,
  },
  {
    name: 'no articles folder',
    make: (c) => rmSync(join(c.dir, 'articles'), { recursive: true, force: true }),
    code: 1,
    names: 'articles',
    says: /the articles\/ folder is missing/,
  },
  {
    name: 'articles is a file',
    make: (c) => {
      rmSync(join(c.dir, 'articles'), { recursive: true, force: true });
      writeFileSync(join(c.dir, 'articles'), 'x');
    },
    code: 1,
    names: 'articles',
    says: /articles is a file, not a folder/,
  },

  // --- 3. nesting
  {
    name: 'a list twelve deep prints, and what follows it',
    make: article('03-deep.md', DEEP_LIST),
    code: 0,
    prints: ['第1层列表项', '第12层列表项', '列表之后的段落。', '列表之后的脚注内容。'],
    then: (_c, r) => expect(r.err).not.toMatch(/error/),
  },
  {
    name: 'quotes twelve deep print, and what follows them',
    make: article('03-quote.md', DEEP_QUOTE),
    code: 0,
    prints: ['第1层引文', '第12层引文', '引文之后的段落。', '引文之后的脚注内容。'],
  },
  {
    name: 'a list forty deep prints flat past the limit, with a warning',
    make: article('03-deeper.md', DEEPER_LIST),
    code: 0,
    names: 'articles/03-deeper.md',
    line: 36,
    says: /warning: lists or quotes nested too deep/,
    prints: ['第1层', '第40层', '最深的列表之后的段落。'],
  },

  {
    name: 'quotes seventy deep print flat past the limit, with a warning',
    make: article(
      '03-deepq.md',
      ART(
        '七十层引文',
        [
          ...Array.from({ length: 70 }, (_, i) => `${'>'.repeat(i + 1)} 第${i + 1}层引文\n${'>'.repeat(i + 1)}`),
          '',
          '引文之后的段落[^z]。',
          '',
          '[^z]: 最后的脚注。',
        ].join('\n'),
      ),
    ),
    code: 0,
    names: 'articles/03-deepq.md',
    says: /warning: lists or quotes nested too deep/,
    prints: ['第1层引文', '第63层引文', '第70层引文', '引文之后的段落', '最后的脚注。'],
  },
  {
    name: 'a paragraph of 300,000 characters',
    make: article('03-long.md', ART('没有分段', '很长的一段话，'.repeat(43_000))),
    code: 1,
    names: 'articles/03-long.md',
    line: 5,
    says: /a paragraph of 301,000 characters .*: more than one paragraph can be \(200,000\) \(split it into paragraphs/,
  },

  // --- 4. encodings
  {
    name: 'a UTF-16 article with a byte-order mark prints',
    make: (c) =>
      writeFileSync(join(c.dir, 'articles', '03-u16.md'), utf16(ART('十六位编码', 'UTF-16 的文章照样印出。'), 'le')),
    code: 0,
    prints: ['UTF-16的文章照样印出。'],
  },
  {
    name: 'a big-endian UTF-16 article prints',
    make: (c) =>
      writeFileSync(join(c.dir, 'articles', '03-u16be.md'), utf16(ART('大端编码', '大端的 UTF-16 也能读。'), 'be')),
    code: 0,
    prints: ['大端的UTF-16也能读。'],
  },
  {
    name: 'a UTF-16 article without a byte-order mark',
    make: (c) => writeFileSync(join(c.dir, 'articles', '03-u16.md'), utf16(ART('无标记', '正文。'), 'le', false)),
    code: 1,
    names: 'articles/03-u16.md',
    says: /not UTF-8 \(it looks like UTF-16 without a byte-order mark\)/,
  },
  {
    name: 'a GBK article, with a command that converts it',
    make: (c) => writeFileSync(join(c.dir, 'articles', '03-gbk.md'), gbk(GBK_TEXT)),
    code: 1,
    names: 'articles/03-gbk.md',
    says: /error: the file is not UTF-8 \(it looks like GBK\) \(convert it with: iconv -f GB18030 -t UTF-8 2023-06\/articles\/03-gbk\.md > /,
    then: (c, r) => {
      // The command given works: run it, and the article prints.
      const cmd = /convert it with: (.*?) \(or save it/.exec(r.err)![1];
      expect(spawnSync('sh', ['-c', cmd], { cwd: c.tmp }).status).toBe(0);
      expect(readFileSync(join(c.dir, 'articles', '03-gbk.md'), 'utf8')).toBe(GBK_TEXT);
    },
  },
  // A Latin-1 é typed into a UTF-8 file: line 7, after the 14 characters of 第二段里有一个坏字节：caf.
  {
    name: 'a byte that is not UTF-8, at its line and column',
    make: (c) =>
      writeFileSync(
        join(c.dir, 'articles', '03-bad.md'),
        Buffer.concat([Buffer.from(LATIN1_HEAD), Buffer.from([0xe9]), Buffer.from('。\n')]),
      ),
    code: 1,
    names: 'articles/03-bad.md',
    line: 7,
    says: /7:15: error: the file is not valid UTF-8: byte 0xe9 here belongs to no character/,
  },
  {
    name: 'a NUL byte in an article',
    make: (c) =>
      writeFileSync(join(c.dir, 'articles', '03-nul.md'), ART('空字节', '第一段。\n\n第二段\u0000有空字节。')),
    code: 1,
    names: 'articles/03-nul.md',
    line: 7,
    says: /7:4: error: the file holds a NUL byte/,
  },
  {
    name: 'issue.yaml saved as GBK',
    make: (c) => writeFileSync(join(c.dir, 'issue.yaml'), gbk(ISSUE_YAML)),
    code: 1,
    names: 'issue.yaml',
    says: /not UTF-8 \(it looks like GBK\)/,
  },
  {
    name: 'a template saved as GBK',
    project: true,
    make: (c) => {
      mkdirSync(join(c.root, 'templates', 'local'));
      writeFileSync(join(c.root, 'templates', 'local', 'template.yaml'), gbk('# 本地模板\nbody:\n  size: 12\n'));
      appendFileSync(join(c.dir, 'issue.yaml'), 'template: local\n');
    },
    code: 1,
    names: '/templates/local/template.yaml',
    says: /not UTF-8 \(it looks like GBK\)/,
  },

  // --- 5. numbers that are not numbers
  {
    name: 'number: 1e308',
    make: yaml('number: 6', 'number: 1e308'),
    code: 1,
    names: 'issue.yaml',
    line: 3,
    says: /"number" must be a whole number from 1 to 9999, not 1e308/,
  },
  {
    name: 'year: 1e20',
    make: yaml('year: 2023', 'year: 1e20'),
    code: 1,
    names: 'issue.yaml',
    line: 2,
    says: /"year" must be a whole number from 1900 to 2999, not 1e20/,
  },
  {
    name: 'total: 1e308',
    make: (c) => appendFileSync(join(c.dir, 'issue.yaml'), 'total: 1e308\n'),
    code: 1,
    names: 'issue.yaml',
    line: 8,
    says: /"total" must be a whole number from 1 to 999999/,
  },
  {
    name: 'number: six',
    make: yaml('number: 6', 'number: six'),
    code: 1,
    names: 'issue.yaml',
    line: 3,
    says: /"number" must be a whole number.*not "six"/,
  },
  { name: 'number: 0', make: yaml('number: 6', 'number: 0'), code: 1, names: 'issue.yaml', line: 3 },
  {
    name: 'an unquoted phone number keeps its leading zero',
    make: yaml('phone: "4366683"', 'phone: 04714366683'),
    code: 0,
    prints: ['04714366683'],
  },
  {
    name: 'an impossible date',
    make: yaml('2023-06-30', '2023-06-31'),
    code: 1,
    names: 'issue.yaml',
    line: 4,
    says: /"date" must be a date/,
  },
  {
    name: 'a YAML syntax error',
    make: yaml('year: 2023', 'year: [2023'),
    code: 1,
    names: 'issue.yaml',
    says: /YAML syntax/,
  },
  {
    name: 'no issue.yaml',
    make: (c) => rmSync(join(c.dir, 'issue.yaml')),
    code: 1,
    names: 'issue.yaml',
    says: /issue\.yaml is missing/,
  },
  {
    name: 'a missing title in front matter',
    make: article('02-b.md', '---\nsource: 西安日报\n---\n\n正文。\n'),
    code: 1,
    names: 'articles/02-b.md',
    line: 2,
    says: /missing the required key "title"/,
  },
  {
    name: 'no front matter',
    make: article('02-b.md', '正文，没有前言。\n'),
    code: 1,
    names: 'articles/02-b.md',
    line: 1,
    says: /no front matter/,
  },
  {
    name: 'front matter never closed',
    make: article('02-b.md', '---\ntitle: 没关上\n\n正文。\n'),
    code: 1,
    names: 'articles/02-b.md',
    line: 1,
    says: /never closed/,
  },

  // --- 6. writing only what it owns
  {
    name: '-o an article',
    make: (c) => ['build', c.dir, '-o', join(c.dir, 'articles', '01-a.md')],
    code: 1,
    names: 'articles/01-a.md',
    says: /inside the issue folder/,
  },
  {
    name: '-o issue.yaml',
    make: (c) => ['build', c.dir, '-o', join(c.dir, 'issue.yaml')],
    code: 1,
    names: 'issue.yaml',
    says: /inside the issue folder/,
    then: (c) => expect(readFileSync(join(c.dir, 'issue.yaml'), 'utf8')).toBe(ISSUE_YAML),
  },
  {
    name: '-o a new file inside the issue folder',
    make: (c) => ['build', c.dir, '-o', join(c.dir, 'issue.pdf')],
    code: 1,
    names: 'issue.pdf',
    says: /inside the issue folder/,
    then: (c) => expect(existsSync(join(c.dir, 'issue.pdf'))).toBe(false),
  },
  {
    name: '-o through a link into the issue folder',
    make: (c) => (symlinkSync(c.dir, join(c.tmp, 'link')), ['build', c.dir, '-o', join(c.tmp, 'link', 'x.pdf')]),
    code: 1,
    names: (c) => join(c.tmp, 'link', 'x.pdf'),
    says: /inside the issue folder/,
  },
  {
    name: '-o a symlink',
    make: (c) => {
      writeFileSync(join(c.tmp, 'target.pdf'), readFileSync(c.out));
      symlinkSync(join(c.tmp, 'target.pdf'), join(c.tmp, 'link.pdf'));
      return ['build', c.dir, '-o', join(c.tmp, 'link.pdf')];
    },
    code: 1,
    names: (c) => join(c.tmp, 'link.pdf'),
    says: /symbolic link/,
    then: (c) => expect(lstatSync(join(c.tmp, 'link.pdf')).isSymbolicLink()).toBe(true),
  },
  {
    name: '-o a FIFO',
    make: (c) => {
      expect(spawnSync('mkfifo', [join(c.tmp, 'pipe')]).status).toBe(0);
      return ['build', c.dir, '-o', join(c.tmp, 'pipe')];
    },
    code: 1,
    names: (c) => join(c.tmp, 'pipe'),
    says: /a FIFO \(named pipe\), not a file/,
    then: (c) => expect(statSync(join(c.tmp, 'pipe')).isFIFO()).toBe(true),
  },
  {
    name: '-o a device',
    make: (c) => ['build', c.dir, '-o', '/dev/null'],
    code: 1,
    names: () => '/dev/null',
    says: /a device, not a file/,
    then: () => expect(statSync('/dev/null').isCharacterDevice()).toBe(true),
  },
  {
    name: '-o .',
    make: (c) => ['build', c.dir, '-o', '.'],
    code: 1,
    names: () => '.',
    says: /this is a folder, not a file/,
    then: (_c, r) => expect(r.err).not.toMatch(/EBUSY|EISDIR/),
  },
  {
    name: '-o a folder',
    make: (c) => (mkdirSync(join(c.tmp, 'pdfs')), ['build', c.dir, '-o', join(c.tmp, 'pdfs')]),
    code: 1,
    names: (c) => join(c.tmp, 'pdfs'),
    says: /this is a folder, not a file \(give a file name/,
  },
  {
    name: '-o a file that is not a PDF',
    make: (c) => (
      writeFileSync(join(c.tmp, 'notes.txt'), '要紧的笔记\n'),
      ['build', c.dir, '-o', join(c.tmp, 'notes.txt')]
    ),
    code: 1,
    names: (c) => join(c.tmp, 'notes.txt'),
    says: /exists and is not a PDF/,
    then: (c) => expect(readFileSync(join(c.tmp, 'notes.txt'), 'utf8')).toBe('要紧的笔记\n'),
  },
  {
    name: '-o under a file',
    make: (c) => (writeFileSync(join(c.tmp, 'plain'), 'x'), ['build', c.dir, '-o', join(c.tmp, 'plain', 'x.pdf')]),
    code: 1,
    names: (c) => join(c.tmp, 'plain'),
    says: /is a file, so nothing can be written under it/,
  },
  {
    name: '-o - writes the PDF to standard output',
    make: (c) => ['build', c.dir, '-o', '-'],
    code: 0,
    names: () => '(standard output)',
    then: (_c, r) => {
      expect(r.out.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(r.out.subarray(-6).toString('latin1')).toMatch(/%%EOF/);
      expect(
        squash(
          readPdf(r.out)
            .pages.map((p) => p.text)
            .join(''),
        ),
      ).toContain('第一篇文章的第一段');
    },
  },

  // --- 7. check --fix
  {
    name: 'check --fix leaves a file that is not UTF-8 alone',
    cmd: 'fix',
    make: (c) => writeFileSync(join(c.dir, 'articles', '03-bad.md'), NOT_UTF8),
    code: 1,
    names: 'articles/03-bad.md',
    says: /not valid UTF-8/,
    then: (c) => expect(readFileSync(join(c.dir, 'articles', '03-bad.md')).equals(NOT_UTF8)).toBe(true),
  },
  {
    name: 'check --fix writes through a symlinked article, which stays a link',
    cmd: 'fix',
    make: (c) => {
      mkdirSync(join(c.tmp, 'shared'));
      writeFileSync(join(c.tmp, 'shared', 'common.md'), ART('共享的文章', '发展,创新。'));
      symlinkSync(join('..', '..', 'shared', 'common.md'), join(c.dir, 'articles', '03-common.md'));
    },
    code: 0,
    names: 'articles/03-common.md',
    then: (c) => {
      const link = join(c.dir, 'articles', '03-common.md');
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(join('..', '..', 'shared', 'common.md'));
      expect(readFileSync(join(c.tmp, 'shared', 'common.md'), 'utf8')).toContain('发展，创新。');
    },
  },
  {
    name: 'check --fix keeps a UTF-16 article in UTF-16',
    cmd: 'fix',
    make: (c) => writeFileSync(join(c.dir, 'articles', '03-u16.md'), utf16(ART('十六位', '发展,创新。'), 'le')),
    code: 0,
    names: 'articles/03-u16.md',
    then: (c) =>
      expect(readFileSync(join(c.dir, 'articles', '03-u16.md'))).toEqual(utf16(ART('十六位', '发展，创新。'), 'le')),
  },
  {
    name: 'check --fix in a read-only folder says which file it cannot write',
    cmd: 'fix',
    user: true,
    make: article('03-fix.md', ART('只读', '发展,创新。')),
    lock: (c) => chmodSync(join(c.dir, 'articles'), 0o555),
    code: 1,
    names: 'articles/03-fix.md',
    says: /error: cannot write the fixes: permission denied; the file is unchanged/,
    then: (c) => expect(readFileSync(join(c.dir, 'articles', '03-fix.md'), 'utf8')).toBe(ART('只读', '发展,创新。')),
  },

  // --- 8. what used to crash
  {
    name: 'an article that is a folder',
    make: (c) => mkdirSync(join(c.dir, 'articles', '03-x.md')),
    code: 1,
    names: 'articles/03-x.md',
    says: /this is a folder, not a file/,
  },
  {
    name: 'a dangling symlink among the articles',
    make: (c) => symlinkSync('../drafts/03-gone.md', join(c.dir, 'articles', '03-gone.md')),
    code: 1,
    names: 'articles/03-gone.md',
    says: /it is a link to \.\.\/drafts\/03-gone\.md, which does not exist/,
  },
  {
    name: 'a dangling symlink, in check',
    cmd: 'check',
    make: (c) => symlinkSync('../drafts/03-gone.md', join(c.dir, 'articles', '03-gone.md')),
    code: 1,
    names: 'articles/03-gone.md',
    says: /which does not exist/,
  },
  {
    name: 'a FIFO named like an article',
    make: (c) => {
      expect(spawnSync('mkfifo', [join(c.dir, 'articles', '03-pipe.md')]).status).toBe(0);
    },
    code: 1,
    names: 'articles/03-pipe.md',
    says: /a FIFO \(named pipe\), not a file/,
  },
  {
    name: 'an articles folder nobody may read',
    user: true,
    make: () => {},
    lock: (c) => chmodSync(join(c.dir, 'articles'), 0o000),
    code: 1,
    names: 'articles',
    says: /the folder cannot be read: permission denied \(make it readable: chmod a\+rx/,
  },
  {
    name: 'an issue folder nobody may read',
    user: true,
    make: () => {},
    lock: (c) => chmodSync(c.dir, 0o311),
    code: 1,
    names: '.',
    says: /2023-06: error: the folder cannot be read: permission denied/,
  },
  {
    name: 'no font manifest',
    project: true,
    make: (c) => rmSync(join(c.root, 'fonts', 'fonts.yaml')),
    code: 1,
    names: '/fonts/fonts.yaml',
    says: /error: the font manifest fonts\/fonts\.yaml is missing \(restore fonts\/fonts\.yaml/,
    then: (_c, r) => expect(r.err).not.toMatch(/does not define/),
  },
  {
    name: 'an article nobody may read',
    user: true,
    make: (c) => chmodSync(join(c.dir, 'articles', '02-b.md'), 0o000),
    code: 1,
    names: 'articles/02-b.md',
    says: /cannot be read: permission denied \(make it readable: chmod a\+r/,
  },
  {
    name: 'a missing font file named in fonts/fonts.yaml',
    project: true,
    make: (c) => {
      const f = join(c.root, 'fonts', 'fonts.yaml');
      writeFileSync(
        f,
        readFileSync(f, 'utf8').replace(
          'noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
          'noto-sans-sc/700Bold/Missing.ttf',
        ),
      );
    },
    code: 1,
    names: '/fonts/fonts.yaml',
    says: /fonts\/fonts\.yaml:\d+:\d+: error: the font file of role "sans-bold" is missing: node_modules\/.*Missing\.ttf \(run npm ci/,
  },
  {
    name: 'a font whose sha256 changed stays a warning',
    project: true,
    make: (c) => {
      const f = join(c.root, 'fonts', 'fonts.yaml');
      // The body font's hash as if another version of the font had been installed.
      writeFileSync(
        f,
        readFileSync(f, 'utf8').replace(
          'c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0742',
          'c358a69de3df5f423a8946a7b03e3126fb6ba116f1130a463455b4e39e1f0743',
        ),
      );
    },
    code: 0,
    names: '/fonts/fonts.yaml',
    line: 13,
    says: /warning: font "serif" .* differs from the manifest's sha256/,
  },
  {
    name: 'a template that does not exist',
    make: (c) => appendFileSync(join(c.dir, 'issue.yaml'), 'template: nowhere\n'),
    code: 1,
    names: 'issue.yaml',
    line: 8,
    says: /template "nowhere" not found/,
  },

  // --- 9. images: limits, and the ones the build refuses
  {
    name: 'an RGBA PNG of 8200 × 8200',
    make: async (c) => {
      mkdirSync(join(c.dir, 'images'));
      await png(join(c.dir, 'images', 'big.png'), 8200, 8200, 6);
      append('01-a.md', '\n![图1 很大的图](images/big.png)\n')(c);
    },
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /the PNG is 8200 × 8200 pixels of 8-bit RGBA: \d+ MB once unpacked, more than a page can use \(at most \d+ MB/,
  },
  {
    name: 'a PNG of 20000 × 20000, refused from its header',
    make: async (c) => {
      mkdirSync(join(c.dir, 'images'));
      await png(join(c.dir, 'images', 'huge.png'), 20000, 20000, 0, 1);
      append('01-a.md', '\n![图1 巨大的图](images/huge.png)\n')(c);
    },
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /the image is 20000 × 20000 pixels \(400\.0 megapixels\): more than a page can print/,
  },
  {
    name: 'a JPEG that says it is 20000 × 20000',
    make: (c) => {
      mkdirSync(join(c.dir, 'images'));
      writeFileSync(join(c.dir, 'images', 'pano.jpg'), jpegHead(20000, 20000));
      append('01-a.md', '\n![图1 全景](images/pano.jpg)\n')(c);
    },
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /20000 × 20000 pixels/,
  },
  {
    name: 'an RGBA PNG within the limits prints',
    make: async (c) => {
      mkdirSync(join(c.dir, 'images'));
      await png(join(c.dir, 'images', 'alpha.png'), 2400, 1600, 6);
      append('01-a.md', '\n![图1 透明的图](images/alpha.png)\n')(c);
    },
    code: 0,
    prints: ['图1透明的图'],
  },
  {
    name: 'a remote image',
    make: append('01-a.md', '\n![图1 网上的图](https://example.com/a.png)\n'),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /remote image .* not fetched/,
  },
  {
    name: 'an image outside the issue',
    make: append('01-a.md', '\n![图1 外面的图](../../outside.png)\n'),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /outside the issue folder/,
  },
  {
    name: 'an image by absolute path',
    make: append('01-a.md', '\n![图1 绝对路径](/etc/hosts)\n'),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /absolute/,
  },
  {
    name: 'a missing image',
    make: append('01-a.md', '\n![图1 缺图](images/nope.png)\n'),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /not found/,
  },
  {
    name: 'an image that is a folder',
    make: (c) => (
      mkdirSync(join(c.dir, 'images', 'x.png'), { recursive: true }),
      append('01-a.md', '\n![图1 文件夹](images/x.png)\n')(c)
    ),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /is a folder/,
  },
  {
    name: 'a GIF',
    make: (c) => (
      mkdirSync(join(c.dir, 'images')),
      writeFileSync(join(c.dir, 'images', 'a.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1')),
      append('01-a.md', '\n![图1 动图](images/a.gif)\n')(c)
    ),
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /GIF/,
  },
  {
    name: 'a PNG cut short',
    make: async (c) => {
      mkdirSync(join(c.dir, 'images'));
      await png(join(c.dir, 'images', 'cut.png'), 300, 200, 2);
      const p = join(c.dir, 'images', 'cut.png');
      writeFileSync(p, readFileSync(p).subarray(0, 60));
      append('01-a.md', '\n![图1 坏图](images/cut.png)\n')(c);
    },
    code: 1,
    names: 'articles/01-a.md',
    line: 12,
    says: /PNG file is damaged/,
  },

  // --- Markdown the build refuses, and --strict
  {
    name: 'a footnote with no definition',
    make: append('02-b.md', '\n引用了不存在的脚注[^nope]。\n'),
    code: 1,
    names: 'articles/02-b.md',
    line: 7,
    says: /footnote \[\^nope\] has no definition/,
  },
  {
    name: 'a character no font has, with --strict',
    make: (c) => (append('02-b.md', '\n生僻字\u{1B170}。\n')(c), ['build', c.dir, '-o', c.out, '--strict']),
    code: 1,
    names: 'articles/02-b.md',
    line: 7,
    says: /no font can print/,
  },
  {
    name: 'a missing issue folder',
    make: (c) => ['build', join(c.tmp, '1999-01'), '-o', c.out],
    code: 1,
    names: () => '1999-01',
    says: /no such issue folder/,
  },

  // --- 10. many duplicates: one line a copy, the printout capped with a summary
  {
    name: 'thirty copies of one article',
    make: (c) => {
      const text = ART(
        '重复的文章',
        [
          '春天来了，河边的柳树发出了新芽，孩子们在草地上放风筝，老人们坐在长椅上晒太阳。',
          '市科技局今年共受理项目申报四百余项，经过专家评审，最终立项支持一百二十项，资金总额达到三千万元。',
          '会议要求，各单位要进一步提高认识，压实责任，确保各项任务按时保质完成，不断提升服务水平。',
        ].join('\n\n'),
      );
      for (let k = 3; k <= 32; k++)
        writeFileSync(join(c.dir, 'articles', `${String(k).padStart(2, '0')}-copy.md`), text);
    },
    code: 0,
    names: 'articles/04-copy.md',
    says: /… and 9 more warnings \[dup-article\] not shown/,
    then: (_c, r) => {
      expect(r.err).toMatch(
        /05-copy\.md:2:8: warning: this article repeats 2023-06\/articles\/03-copy\.md:2 .*\(and 1 other article of this issue\)/,
      );
      expect(r.err.trim().split('\n').length).toBeLessThan(30);
    },
  },
];

let GOOD: Buffer;

beforeAll(async () => {
  // The last good PDF, which every failing case must leave as it was.
  const { dir, tmp } = baseIssue();
  const out = join(tmp, 'good.pdf');
  const r = await runBulletin(ROOT, ['build', dir, '-o', out, '-q'], tmp);
  expect(r.code, r.err).toBe(0);
  GOOD = readFileSync(out);
}, 120_000);

const userCan = canDropPrivileges();

describe.concurrent('bad input: exit code, the file named, no stack trace, the last PDF kept', () => {
  for (const k of CASES) {
    it.skipIf(k.user && !userCan)(k.name, async () => {
      const { dir, tmp } = baseIssue();
      const root = k.project ? projectCopy() : ROOT;
      const outDir = join(tmp, 'out');
      mkdirSync(outDir);
      const out = join(outDir, 'x.pdf');
      writeFileSync(out, GOOD);
      const c: Ctx = { dir, tmp, out, root };
      const custom = await k.make(c);
      // Snapshots of the sources, which nothing but --fix may touch.
      const sources = new Map<string, Buffer>();
      for (const f of ['issue.yaml', 'articles/01-a.md', 'articles/02-b.md']) {
        try {
          sources.set(f, readFileSync(join(dir, f)));
        } catch {
          // removed or unreadable by the case
        }
      }
      openTo(!!k.user, tmp, dir, join(dir, 'articles'), outDir);
      k.lock?.(c);
      const args =
        custom ??
        (k.cmd === 'check'
          ? ['check', dir, '--no-archive']
          : k.cmd === 'fix'
            ? ['check', dir, '--fix', '--no-archive']
            : ['build', dir, '-o', out]);
      const r = await runBulletin(root, args, tmp, k.user);
      // With -o -, standard output is the PDF.
      const all = r.err + (custom?.[custom.indexOf('-o') + 1] === '-' ? '' : r.out.toString('utf8'));

      expect(r.signal, 'the command hung or was killed').toBeNull();
      expect(r.code, all).toBe(k.code);
      expect(all).not.toMatch(/internal error|^\s+at .+:\d+:\d+\)?$/m);
      // Files of the issue are named as from the working directory; the project's, outside it, in full.
      if (k.names) {
        const named =
          typeof k.names === 'function'
            ? k.names(c)
            : k.names.startsWith('/')
              ? join(root, k.names)
              : relative(tmp, join(dir, k.names));
        expect(all).toContain(k.line ? `${named}:${k.line}:` : named);
      } else expect(k.code).toBe(0);
      if (k.says) expect(all).toMatch(k.says);
      // The earlier PDF is replaced only by a build that succeeds and writes there.
      const writes = k.code === 0 && (k.cmd ?? 'build') === 'build' && (!custom || custom.includes(out));
      if (!writes) unchanged(out, GOOD)();
      if (k.cmd !== 'fix') {
        for (const [f, before] of sources)
          if (existsSync(join(dir, f)) && !lstatSync(join(dir, f)).isSymbolicLink()) unchanged(join(dir, f), before)();
      }
      if (k.prints) {
        const pdf = readPdf(readFileSync(out));
        const text = squash(pdf.pages.map((p) => p.text).join(''));
        for (const t of k.prints) expect(text).toContain(squash(t));
      }
      k.then?.(c, r);
    });
  }
});
