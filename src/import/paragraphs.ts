// Printed lines → paragraphs. Where the page shows its geometry (a PDF, or text with one
// line per printed line) a paragraph starts at an indented line, a change of style, or after
// a line that stops short of the right edge, and a line that fills the measure at a page's
// foot runs on at the top of the next page. Text with one line per paragraph shows nothing
// of the kind: `joinPageBreaks` then mends what page ends broke, by the punctuation.
import { headingNumberLevel, joinBroken, LEAD_OPENERS, terminated } from './chars.js';
import { clip } from './furniture.js';
import type { Note, Place, Printed, PrintedLine, Run } from './model.js';
import { t as tr } from '../core/text.js';

export interface Para {
  text: string;
  runs: Run[];
  at: Place;
  page: number;
  lines: PrintedLine[];
  /** Set centred (a title, a byline). */
  center: boolean;
  size?: number;
  /** Every character bold (a heading set in bold). */
  bold: boolean;
}

const boldAll = (l: PrintedLine) => l.runs.length > 0 && l.runs.every((r) => r.bold || !r.text.trim());

export function paragraphs(pr: Printed, lines: PrintedLine[], notes: Note[]): Para[] {
  const out: Para[] = [];
  const geometric = pr.kind === 'pdf' || pr.wrapped;
  let cur: Para | null = null;
  let prev: PrintedLine | null = null;
  for (const l of lines) {
    if (!l.text) {
      // A blank line ends a paragraph in text files.
      prev = null;
      cur = null;
      continue;
    }
    if (cur && prev && geometric && runsOn(pr, prev, l, notes)) {
      cur.text = joinBroken(cur.text, l.text);
      const glue = cur.text.endsWith(' ' + l.text.trimStart()) ? ' ' : '';
      appendRuns(
        cur.runs,
        glue ? [{ text: ' ', bold: cur.runs[cur.runs.length - 1]?.bold ?? false }, ...l.runs] : l.runs,
      );
      cur.lines.push(l);
      cur.bold &&= boldAll(l);
    } else {
      cur = {
        text: l.text,
        runs: l.runs.map((r) => ({ ...r })),
        at: l.at,
        page: l.page,
        lines: [l],
        center: !!l.center,
        size: l.size,
        bold: boldAll(l),
      };
      out.push(cur);
    }
    prev = l;
  }
  return out;
}

function appendRuns(to: Run[], more: Run[]): void {
  for (const r of more) {
    const last = to[to.length - 1];
    if (last && last.bold === r.bold) last.text += r.text;
    else to.push({ ...r });
  }
}

/** Does line b continue the paragraph of line a? */
function runsOn(pr: Printed, a: PrintedLine, b: PrintedLine, notes: Note[]): boolean {
  const em = b.size ?? pr.bodySize ?? 1;
  if (Math.abs((a.size ?? 0) - (b.size ?? 0)) > 0.5 || !!a.center !== !!b.center || boldAll(a) !== boldAll(b))
    return false;
  // A centred title of two lines is one title.
  if (a.center && b.center) return a.page === b.page && (b.y ?? 0) - (a.y ?? 0) < 2.2 * em;
  const left = pr.left ?? 0;
  const right = pr.right ?? Infinity;
  const indented = (b.x ?? 0) > left + 0.8 * em;
  const full = (a.right ?? 0) >= right - 1.2 * em;
  if (pr.wrapped && !pr.indents) {
    // Text that lost the indents (pdftotext, a viewer's copy), its widths only estimated:
    // a paragraph ends at a finished sentence. A line that stops mid-sentence runs on unless
    // it is short (a title, a heading); one that finishes a sentence ends the paragraph when
    // it is short, or when the next line opens one (two ems short: its indent; 一是…; 二、…).
    const w = a.right ?? 0;
    const heading = headingNumberLevel(a.text) && !/[。！？；]/.test(a.text);
    if (!terminated(a.text)) return w >= 0.7 * right && !(heading && w < right - 1.2 * em);
    const twoShort = Math.abs((b.right ?? 0) - (right - 2 * em)) <= 0.8 * em;
    return w >= right - 1.2 * em && !twoShort && !LEAD_OPENERS.test(b.text) && !headingNumberLevel(b.text);
  }
  if (indented || !full) return false;
  if (a.page !== b.page) {
    // A full line at a page's foot and an unindented one at the next page's top: one
    // paragraph. Only a paragraph that happened to end exactly at the margin would fool
    // this — when its last line ends a sentence and the next line could open one, say so.
    if (terminated(a.text) && (LEAD_OPENERS.test(b.text) || headingNumberLevel(b.text))) {
      notes.push({
        severity: 'warning',
        code: 'import-join',
        at: b.at,
        message: tr('import-join.page', { page: a.page, text: clip(b.text) }),
        anchor: a,
      });
    }
    return true;
  }
  // A wide gap between lines on one page is a break the page shows.
  if (a.y !== undefined && b.y !== undefined && b.y - a.y > 2.5 * em) return false;
  return true;
}

/** A paragraph that reads like a numbered heading: the number, a short phrase, no sentence after it. */
export function headingLike(p: Para): number | null {
  const level = headingNumberLevel(p.text);
  if (!level) return null;
  if (p.text.length > 40) return null;
  const inner = p.text.slice(0, -1);
  return /[。！？；]/.test(inner) ? null : level;
}

/**
 * Text with one line per paragraph: a page end shows as a paragraph broken in two, the
 * first half ending mid-sentence. Joined when the next piece does not read like a heading
 * or a title; a join is only a warning when the next piece could as well open a paragraph.
 */
export function joinPageBreaks(paras: Para[], notes: Note[], isTitle: (p: Para) => boolean): Para[] {
  const out: Para[] = [];
  for (const p of paras) {
    const last = out[out.length - 1];
    if (
      last &&
      !isTitle(last) &&
      !isTitle(p) &&
      !terminated(last.text) &&
      !headingLike(last) &&
      !headingLike(p) &&
      !last.center &&
      !p.center
    ) {
      const opener = LEAD_OPENERS.test(p.text) || /^[“《【「（(]/.test(p.text);
      const colon = /[：:]$/.test(last.text.trimEnd());
      notes.push({
        severity: opener || colon ? 'warning' : 'note',
        code: 'import-join',
        at: p.at,
        message:
          opener || colon
            ? tr('import-join.guess', { end: last.text.slice(-6), text: clip(p.text, 8) })
            : tr('import-join', { end: last.text.slice(-6), text: clip(p.text, 8) }),
        anchor: last,
      });
      last.text = joinBroken(last.text, p.text);
      appendRuns(last.runs, p.runs);
      last.lines.push(...p.lines);
      continue;
    }
    out.push(p);
  }
  return out;
}
