// Character classes the importer reasons with: what ends a sentence, what a printed line's
// width is in ems, what a numbered heading or a run-in lead looks like in Chinese documents.

export const isHanChar = (c: string): boolean => /[\u3400-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]/u.test(c);
export const isLatinChar = (c: string): boolean => /[A-Za-z0-9]/.test(c);

/**
 * Width in ems as printed: full-width characters 1, the rest about half, a space or the
 * quarter em a typesetter puts between Chinese and Latin a quarter.
 */
export function emWidth(s: string): number {
  let w = 0;
  let prev: 'han' | 'latin' | 'space' | null = null;
  for (const c of s) {
    const cp = c.codePointAt(0)!;
    const kind = c === ' ' ? 'space' : cp >= 0x2e80 || (cp >= 0x2010 && cp <= 0x2027 && c !== '-') ? 'han' : 'latin';
    w += kind === 'space' ? 0.25 : kind === 'han' ? 1 : c === '%' ? 0.8 : 0.55;
    if ((prev === 'han' && kind === 'latin') || (prev === 'latin' && kind === 'han' && isHanChar(c))) w += 0.25;
    prev = kind;
  }
  return w;
}

/** Marks that close a sentence; closing quotes and brackets after them do not reopen it. */
const TERMINAL = /[。！？!?；;…]$/;
const CLOSERS = /[”’」』）)】》〉]+$/;

/** The text ends a sentence (so a page end after it may well be a paragraph's end). */
export function terminated(text: string): boolean {
  const t = text.trimEnd();
  return TERMINAL.test(t.replace(CLOSERS, '')) || (CLOSERS.test(t) && TERMINAL.test(t.replace(CLOSERS, '')));
}

const CN_NUM = '[一二三四五六七八九十百零〇]+';

/** Numbered headings as Chinese documents write them, outermost first (公文 GB/T 9704 order). */
export const HEADING_NUMBERS: { level: number; re: RegExp }[] = [
  { level: 2, re: new RegExp(`^${CN_NUM}、`) },
  { level: 3, re: new RegExp(`^[（(]${CN_NUM}[）)]`) },
  { level: 4, re: /^\d{1,2}(?:[.．](?!\d)|、)/ },
  { level: 5, re: /^[（(]\d{1,2}[）)]/ },
];

export function headingNumberLevel(text: string): number | null {
  for (const h of HEADING_NUMBERS) if (h.re.test(text)) return h.level;
  return null;
}

/** Run-in leads that are not numbered headings: 一是…。 二是…。 首先…。 第一，… */
export const LEAD_OPENERS = new RegExp(`^(?:${CN_NUM}是|首先|其次|再次|最后|第${CN_NUM}[，、是])`);

/** The first sentence of a paragraph, up to and including its 。 (or ！？), if any. */
export function firstSentence(text: string): string | null {
  const m = /^[^。！？]*?[。！？]/.exec(text);
  return m ? m[0] : null;
}

/** Characters after which a title's space is a line the printer wrapped, not a pause (的 cannot end a phrase). */
export const PARTICLES = new Set([...'的之和与及或等对在把将为以从向于了着所']);

/** Text compared for sameness: no spaces, full/half width folded, leaders and bullets gone. */
export function squash(s: string): string {
  return s
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .replace(/^[★☆●◆■•·]+/, '')
    .replace(/["“”]/g, '"')
    .replace(/['‘’]/g, "'");
}

/** Dice similarity of two texts' character pairs: 1 for the same text. */
export function dice(a: string, b: string): number {
  if (a === b) return 1;
  if (a.length < 2 || b.length < 2) return 0;
  const pairs = new Map<string, number>();
  for (let i = 0; i < a.length - 1; i++) {
    const p = a.slice(i, i + 2);
    pairs.set(p, (pairs.get(p) ?? 0) + 1);
  }
  let shared = 0;
  for (let i = 0; i < b.length - 1; i++) {
    const p = b.slice(i, i + 2);
    const n = pairs.get(p);
    if (n) {
      shared++;
      pairs.set(p, n - 1);
    }
  }
  return (2 * shared) / (a.length + b.length - 2);
}

/** Joins two pieces of one text broken at a line or page end: a space only between two Latin words. */
export function joinBroken(a: string, b: string): string {
  const x = a.trimEnd();
  const y = b.trimStart();
  const last = x.slice(-1);
  const first = y.slice(0, 1);
  return /[A-Za-z]/.test(last) && /[A-Za-z]/.test(first) ? `${x} ${y}` : x + y;
}
