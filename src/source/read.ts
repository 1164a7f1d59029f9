// Reading the editors' text files (articles, issue.yaml, templates, the font manifest): one
// place that knows what can be wrong with a file before its text is parsed — a folder or a
// dangling link where a file should be, a FIFO that would block, a file that cannot be read,
// and text that is not UTF-8 (UTF-16, GBK, Big5, stray bytes, NUL bytes). Each problem is
// said with the file, and the line and column where there is one, and what to do.
import { t, type Text } from '../core/text.js';
import { lstatSync, readFileSync, readlinkSync, statSync, type Stats } from 'node:fs';

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface TextFile {
  /** The text, without its byte-order mark; line ends as written. */
  text: string;
  encoding: Encoding;
  /** The file began with a byte-order mark. */
  bom: boolean;
}

export interface FileProblem {
  code: string;
  message: Text;
  fix: Text;
  /** 1-based; 0 when the problem is the whole file. */
  line: number;
  col: number;
}

/** Larger text files are refused before they are read: no article is near this. */
export const MAX_TEXT_BYTES = 64 * 1024 * 1024;

export function isProblem<T>(r: T | FileProblem): r is FileProblem {
  return typeof r === 'object' && r !== null && 'code' in r && 'fix' in r;
}

const whole = (code: string, message: Text, fix: Text): FileProblem => ({ code, message, fix, line: 0, col: 0 });

/** A path as typed in a shell: quoted when it holds anything but plain characters. */
export function shellQuote(s: string): string {
  return /^[\w./+@%:=,-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

function kind(st: Stats): Text {
  return t(
    st.isFIFO()
      ? 'output.special.fifo'
      : st.isSocket()
        ? 'output.special.socket'
        : st.isCharacterDevice() || st.isBlockDevice()
          ? 'output.special.device'
          : 'file-special.other',
  );
}

/** What stands at `path`, when it is not a readable regular file; undefined when it is one. */
export function fileProblem(path: string): FileProblem | undefined {
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let link: string | undefined;
    try {
      if (lstatSync(path).isSymbolicLink()) link = readlinkSync(path);
    } catch {
      link = undefined;
    }
    if (link !== undefined) {
      return whole('file-link-dangling', t('file-link-dangling', { link }), t('file-link-dangling.fix'));
    }
    if (code === 'EACCES' || code === 'EPERM')
      return whole('file-unreadable', t('file-unreadable.reach'), t('file-unreadable.reach.fix'));
    if (code === 'ELOOP') return whole('file-link-loop', t('file-link-loop'), t('file-link-loop.fix'));
    return whole('file-missing', t('file-missing'), t('file-missing.fix'));
  }
  if (st.isDirectory()) return whole('file-folder', t('file-folder'), t('file-folder.fix'));
  if (!st.isFile()) return whole('file-special', t('file-special', { what: kind(st) }), t('file-special.fix'));
  if (st.size > MAX_TEXT_BYTES) {
    return whole(
      'file-too-large',
      t('file-too-large', { size: (st.size / 1048576).toFixed(0), max: MAX_TEXT_BYTES / 1048576 }),
      t('file-too-large.fix'),
    );
  }
  return undefined;
}

/** Reads a text file of the issue; `shown` is how the file is named in messages. */
export function readText(path: string, shown: string): TextFile | FileProblem {
  const problem = fileProblem(path);
  if (problem) return problem;
  let data: Buffer;
  try {
    data = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM')
      return whole('file-unreadable', t('file-unreadable'), t('file-unreadable.fix', { file: shellQuote(shown) }));
    return whole(
      'file-unreadable',
      t('file-unreadable.other', { detail: code ?? (e as Error).message }),
      t('file-unreadable.other.fix'),
    );
  }
  return decodeText(data, shown);
}

const fatal = (label: string) => new TextDecoder(label, { fatal: true });

/** Bytes → text, or what keeps them from being the UTF-8 text the tools expect. */
export function decodeText(data: Buffer, shown: string): TextFile | FileProblem {
  if (data.length >= 3 && data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) {
    const r = utf8(data.subarray(3), shown);
    return isProblem(r) ? r : { text: r, encoding: 'utf-8', bom: true };
  }
  for (const [enc, a, b] of [
    ['utf-16le', 0xff, 0xfe],
    ['utf-16be', 0xfe, 0xff],
  ] as const) {
    if (data.length >= 2 && data[0] === a && data[1] === b) {
      try {
        const text = fatal(enc).decode(data.subarray(2));
        const nul = text.indexOf('\0');
        if (nul >= 0) return nulProblem(text, nul);
        return { text, encoding: enc, bom: true };
      } catch {
        return whole('encoding-utf16', t('encoding-utf16.damaged'), t('encoding-utf16.damaged.fix'));
      }
    }
  }
  if (looksUtf16(data)) {
    return whole('encoding-utf16', t('encoding-utf16'), t('encoding-utf16.fix'));
  }
  const r = utf8(data, shown);
  return isProblem(r) ? r : { text: r, encoding: 'utf-8', bom: false };
}

/** UTF-16 text of mostly ASCII or CJK has a zero in one byte of most pairs. */
function looksUtf16(data: Buffer): boolean {
  const n = Math.min(data.length, 4096) & ~1;
  if (n < 4) return false;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (data[i] === 0) even++;
    if (data[i + 1] === 0) odd++;
  }
  return Math.max(even, odd) > 0.3 * (n / 2) && Math.min(even, odd) < 0.05 * (n / 2);
}

function utf8(data: Buffer, shown: string): string | FileProblem {
  let text: string;
  try {
    text = fatal('utf-8').decode(data);
  } catch {
    return notUtf8(data, shown);
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) return nulProblem(text, nul);
  return text;
}

function lineCol(text: string, k: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < k; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: [...text.slice(start, k)].length + 1 };
}

function nulProblem(text: string, k: number): FileProblem {
  const at = lineCol(text, k);
  return {
    code: 'encoding-nul',
    message: t('encoding-nul'),
    fix: t('encoding-nul.fix'),
    ...at,
  };
}

/** Offset of the first byte that does not belong to well-formed UTF-8. */
function firstBadByte(data: Buffer): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    const n = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0 || i + n >= data.length) return i;
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (data[i + 1] < lo || data[i + 1] > hi) return i;
    for (let k = 2; k <= n; k++) if (data[i + k] < 0x80 || data[i + k] > 0xbf) return i;
    i += n + 1;
  }
  return data.length;
}

/** Share of CJK among a text's non-ASCII characters: high for Chinese read right. */
function cjkShare(text: string): number {
  let cjk = 0;
  let other = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) continue;
    if (
      (c >= 0x4e00 && c <= 0x9fff) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef) ||
      (c >= 0x3400 && c <= 0x4dbf) ||
      (c >= 0x2010 && c <= 0x2027) ||
      c === 0xb7
    )
      cjk++;
    else other++;
  }
  return cjk + other ? cjk / (cjk + other) : 0;
}

function notUtf8(data: Buffer, shown: string): FileProblem {
  for (const [label, name, iconv] of [
    ['gb18030', 'GBK', 'GB18030'],
    ['big5', 'Big5', 'BIG5'],
  ] as const) {
    try {
      const text = fatal(label).decode(data);
      if (!text.includes('\0') && cjkShare(text) > 0.9) {
        const q = shellQuote(shown);
        const tmp = shellQuote(`${shown}.utf8`);
        return whole(
          `encoding-${name.toLowerCase()}`,
          t('encoding-legacy', { name }),
          t('encoding-legacy.fix', { iconv, file: q, tmp }),
        );
      }
    } catch {
      // not that either
    }
  }
  const bad = firstBadByte(data);
  const before = data.subarray(0, bad).toString('utf8');
  const at = lineCol(before, before.length);
  return {
    code: 'encoding-utf8',
    message: t('encoding-utf8', { byte: `0x${data[bad]?.toString(16).padStart(2, '0') ?? '??'}` }),
    fix: t('encoding-utf8.fix'),
    ...at,
  };
}
