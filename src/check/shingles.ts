// How alike two texts are, measured on what typing does not vary: the text normalised
// (spaces, full/half width, case, quote styles), cut into 4-character shingles kept as
// sorted 30-bit hashes; Jaccard similarity for near-copies, and containment for a
// shortened reprint of a longer text.
import { OPAQUE } from './prose.js';

const K = 4;

const SPACES = new RegExp(`[\\s${OPAQUE}]+`, 'g');

export function normalise(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(SPACES, '')
    .replace(/[“”"‘’'「」『』]/g, '"')
    .replace(/[—―–-]+/g, '-')
    .replace(/…+|\.{3,}|。{3,}/g, '…');
}

/** The distinct 4-character shingles of a text, as sorted 30-bit hashes (a rolling hash: one step a character). */
export function shingles(s: string): Int32Array {
  const n = s.length < K ? (s.length ? 1 : 0) : s.length - K + 1;
  const all = new Int32Array(n);
  // h = c[i]·B³ + c[i+1]·B² + c[i+2]·B + c[i+3] (mod 2³²), then mixed; B³ taken off as a character leaves.
  const B = 0x01000193;
  const top = Math.imul(Math.imul(B, B), B);
  let h = 0;
  for (let i = 0; i < s.length; i++) {
    if (i >= K) h = (h - Math.imul(s.charCodeAt(i - K), top)) | 0;
    h = (Math.imul(h, B) + s.charCodeAt(i)) | 0;
    if (i >= K - 1) all[i - K + 1] = mix(h);
  }
  if (s.length && s.length < K) all[0] = mix(h);
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i];
  return all.subarray(0, m);
}

/** Spreads a polynomial hash over all bits (so the low bits sample fairly), kept to 30 bits. */
function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) & 0x3fffffff;
}

/** An article's shingles: a quarter of them (by hash), plenty to measure thousands of characters. */
export function sample(sets: Int32Array[]): Int32Array {
  let n = 0;
  for (const set of sets) for (let i = 0; i < set.length; i++) if ((set[i] & 3) === 0) n++;
  const all = new Int32Array(n);
  let k = 0;
  for (const set of sets) for (let i = 0; i < set.length; i++) if ((set[i] & 3) === 0) all[k++] = set[i];
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (i === 0 || all[i] !== all[i - 1]) all[m++] = all[i];
  return all.subarray(0, m);
}

/** The same sorted set, value for value. */
export function sameSet(a: Int32Array, b: Int32Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** What likeness reads of a text: its shingles and its normalised length. */
export interface Measured {
  length: number;
  set: Int32Array;
}

export interface Likeness {
  score: number;
  contained: boolean;
}

/**
 * How alike two texts are: Jaccard similarity of their shingles, or, when one is (nearly)
 * inside the other, the share of the shorter one found in the longer (containment), which
 * a shortened reprint or a one-word edit of a short paragraph scores high on.
 */
export function likeness(a: Measured, b: Measured, threshold: number, minLength: number): Likeness | null {
  const common = sharedEnough(a.set, b.set, threshold);
  if (!common) return null;
  const jaccard = common / (a.set.length + b.set.length - common);
  if (jaccard >= threshold) return { score: jaccard, contained: false };
  const containment = common / Math.min(a.set.length, b.set.length);
  if (Math.min(a.length, b.length) < minLength || containment < threshold) return null;
  // Texts of about the same length that share this much are simply alike.
  return { score: containment, contained: Math.min(a.length, b.length) < 0.8 * Math.max(a.length, b.length) };
}

/**
 * How many values two sorted sets of distinct shingles share, or 0 as soon as the share of the smaller set found in the other can no
 * longer reach `threshold`: neither Jaccard similarity nor containment can then (Jaccard
 * divides the same count by more), and most texts compared share only a few shingles.
 */
function sharedEnough(a: Int32Array, b: Int32Array, threshold: number): number {
  if (a === b) return a.length;
  const small = Math.min(a.length, b.length);
  const aSmall = a.length === small;
  // the most that can still be shared: the smaller set less its values found missing
  let most = small;
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) {
      i++;
      if (aSmall && --most / small < threshold) return 0;
    } else {
      j++;
      if (!aSmall && --most / small < threshold) return 0;
    }
  }
  return n;
}
