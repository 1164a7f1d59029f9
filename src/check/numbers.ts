// Digits in one width throughout an issue: ２０２３ beside 2023 is a typist's slip (an input
// method left in full-width mode), and prints visibly wider. Half-width is the norm for
// Arabic numerals in Chinese text (GB/T 15835), so that is the form suggested.
import { FindingSink } from './model.js';
import { t as tr } from '../core/text.js';
import { editFor } from './context.js';
import { sourceAt, type SourceDoc, type Unit } from './prose.js';

const DIGITS = /[0-9０-９]+/g;
const isFull = (ch: string) => ch >= '０' && ch <= '９';
const toHalf = (s: string) => s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

/** A document's digit runs: those with a full-width digit, and the first all half-width one. */
interface Digits {
  full: { u: Unit; s: number; e: number; text: string }[];
  half: string | null;
}

/** Per content: twins (an article pasted into several files) share their units, and are scanned once. */
const scanned = new WeakMap<Unit[], Digits>();

function digitsOf(doc: SourceDoc): Digits {
  let d = scanned.get(doc.units);
  if (d) return d;
  d = { full: [], half: null };
  for (const u of [...doc.fields.values(), ...doc.units]) {
    DIGITS.lastIndex = 0;
    for (let m = DIGITS.exec(u.text); m; m = DIGITS.exec(u.text)) {
      const text = m[0];
      if ([...text].some(isFull)) d.full.push({ u, s: m.index, e: m.index + text.length, text });
      else d.half ??= text;
    }
  }
  scanned.set(doc.units, d);
  return d;
}

export function checkNumbers(docs: SourceDoc[], sink: FindingSink): void {
  const runs: { doc: SourceDoc; u: Unit; s: number; e: number; text: string }[] = [];
  let half: string | null = null;
  for (const doc of docs) {
    const d = digitsOf(doc);
    for (const r of d.full) runs.push({ doc, ...r });
    half ??= d.half;
  }
  for (const r of runs) {
    const mixed = [...r.text].some((ch) => !isFull(ch));
    if (!mixed && half === null) continue; // the issue writes every number full-width: consistent
    const at = sourceAt(r.u, r.s);
    const fixed = toHalf(r.text);
    const why = mixed ? tr('number-width.mixed') : tr('number-width.full', { half: half ?? '' });
    const edit = editFor(r.u, r.s, r.e, fixed);
    sink.add(
      'warning',
      'number-width',
      { file: r.doc.file, path: r.doc.path, line: at.line + 1, col: at.col + 1 },
      tr('number-width', { text: r.text, why }),
      tr('number-width.fix', { fixed }),
      edit ? [edit] : undefined,
    );
  }
}
