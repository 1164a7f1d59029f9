// Is a mark part of Chinese text or of a Latin run inside it? Half-width punctuation is
// right in "Python 3.11", "10,000", "Stay hungry, stay foolish." and wrong in "发展,创新" or
// "使用了Python.": what decides is the text around the mark, read as a proofreader reads it.
import { isWide } from '../text/classes.js';
import { adjacent, OPAQUE, posAt, type Unit } from './prose.js';
import type { Edit } from './model.js';

/** Quotes are transparent when reading context: “AI”, is the comma after AI. */
export const QUOTES = new Set(['“', '”', '‘', '’', '"', "'"]);

/** Chinese for context: Han, kana, CJK and full-width marks; not full-width letters and digits (１２３, ＡＩ), which read as Latin. */
export function wideAt(t: string, k: number): boolean {
  const c = t.charCodeAt(k);
  if (c >= 0xd800 && c <= 0xdfff) return true; // astral: CJK extensions
  if ((c >= 0xff10 && c <= 0xff19) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xff41 && c <= 0xff5a)) return false;
  return isWide(c);
}

export function isBlank(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\u00a0' || ch === '\u3000';
}

export function hasHan(s: string): boolean {
  for (let k = 0; k < s.length; k++) if (wideAt(s, k) && !QUOTES.has(s[k])) return true;
  return false;
}

export interface Around {
  /** The Latin run before the mark, up to the nearest Chinese character or mark (quotes skipped). */
  before: string;
  after: string;
  /** Index of that Chinese character before / after, or -1 at the unit's edge. */
  prev: number;
  next: number;
}

/** A single … or — may end an English clause ("Wait… what?"); doubled, they are Chinese. */
const single = (t: string, k: number) => (t[k] === '…' || t[k] === '—') && t[k - 1] !== t[k] && t[k + 1] !== t[k];
const stops = (t: string, k: number) => wideAt(t, k) && !QUOTES.has(t[k]) && !single(t, k);
const unquote = (s: string) => s.replace(/[“”‘’"']/g, '');

export function around(t: string, s: number, e: number): Around {
  let k = s - 1;
  while (k >= 0 && !stops(t, k)) k--;
  let j = e;
  while (j < t.length && !stops(t, j)) j++;
  return { before: unquote(t.slice(k + 1, s)), after: unquote(t.slice(e, j)), prev: k, next: j < t.length ? j : -1 };
}

/** Two or more Latin words: an English phrase or sentence, whose own punctuation is Latin. */
export function englishPhrase(s: string): boolean {
  return s.split(/\s+/).filter((w) => /[A-Za-z]{2,}/.test(w)).length >= 2;
}

/**
 * True when the mark at [s, e) punctuates Chinese text: right after a Chinese character,
 * or closing a Latin word or number that a Chinese sentence goes on from or ends with.
 */
export function inChinese(t: string, s: number, e: number, a = around(t, s, e)): boolean {
  const b = a.before.trim();
  const f = a.after.trim();
  if (!b) {
    if (a.prev >= 0) return true;
    return !f && a.next >= 0;
  }
  if (f) return false;
  if (a.prev < 0 && a.next < 0) return false; // a unit with no Chinese in it at all
  return !englishPhrase(b);
}

/** Index of the nearest non-blank character before k (same line only), or -1. */
export function prevNonBlank(t: string, k: number): number {
  let j = k - 1;
  while (j >= 0 && isBlank(t[j])) j--;
  return j;
}

export function nextNonBlank(t: string, k: number): number {
  let j = k;
  while (j < t.length && isBlank(t[j])) j++;
  return j < t.length ? j : -1;
}

/**
 * An edit replacing text [s, e) of a unit, or null when those characters are not one
 * contiguous stretch of a single source line (markup between them must survive a fix).
 */
export function editFor(u: Unit, s: number, e: number, text: string): Edit | null {
  if (!u.editable || s >= e || u.text[s] === OPAQUE) return null;
  const first = posAt(u, s);
  if (first.line < 0) return null;
  for (let k = s + 1; k < e; k++) if (!adjacent(u, k)) return null;
  return { line: first.line, start: first.col, end: first.col + (e - s), text };
}

/** Widens [s, e) over blanks on either side that sit directly next to it in the source. */
export function withBlanks(u: Unit, s: number, e: number, left = true, right = true): [number, number] {
  const t = u.text;
  const next = (k: number) => adjacent(u, k);
  if (left) while (s > 0 && isBlank(t[s - 1]) && t[s - 1] !== '\u3000' && next(s)) s--;
  if (right) while (e < t.length && isBlank(t[e]) && t[e] !== '\u3000' && next(e)) e++;
  return [s, e];
}

/** A short quotation of the text for messages. */
export function excerpt(t: string, s: number, e: number): string {
  const x = t.slice(s, e).replace(/\n/g, '').replace(new RegExp(OPAQUE, 'g'), '…');
  return x.length > 16 ? `${x.slice(0, 8)}…${x.slice(-6)}` : x;
}
