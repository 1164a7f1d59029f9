// Text → Markdown that reads back as the same text: the characters Markdown would take for
// syntax are escaped, and nothing else is touched.
import type { Run } from './model.js';

/** Inline text, escaped; `atStart` also guards what would open a block (#, >, -, 1.). */
export function escapeInline(s: string, atStart: boolean): string {
  let t = s.replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`).replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
  if (atStart) t = t.replace(/^([+\-=])/, '\\$1').replace(/^(\d{1,9})([.)])(?=[ \t]|$)/, '$1\\$2');
  return t;
}

/** A whole paragraph's text, escaped; spaces at its ends dropped (one at the end would make a hard break). */
export function escapeMd(s: string, atStart = true): string {
  return escapeInline(s.replace(/^[ \t]+|[ \t]+$/g, ''), atStart);
}

/** Style runs → inline Markdown: bold stretches between ** (their spaces kept outside the marks). */
export function runsMd(runs: Run[]): string {
  let out = '';
  for (const r of runs) {
    const text = out === '' ? r.text.replace(/^[ \t]+/, '') : r.text;
    if (!r.bold || !text.trim()) {
      out += escapeInline(text, out === '');
      continue;
    }
    const lead = /^[ \t]*/.exec(text)![0] ? ' ' : '';
    const tail = /[ \t]*$/.exec(text)![0] ? ' ' : '';
    out += `${lead}**${escapeInline(text.trim(), out === '' && !lead)}**${tail}`;
  }
  return out.replace(/[ \t]+$/, '');
}

/** A paragraph with its first sentence as a run-in lead. */
export function leadMd(lead: string, rest: string): string {
  return `**${escapeMd(lead)}**${escapeMd(rest, false)}`;
}
