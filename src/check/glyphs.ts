// Characters no configured font can print: the composer leaves them out, so the page would
// silently lose them (a rare 𠮷, a stray control or private-use character from a paste).
// A character counts as printable when the font of its place or any fallback has it,
// the same test the composer makes.
import type { Template } from '../template/model.js';
import type { Face } from '../text/face.js';
import { FindingSink } from './model.js';
import { t as tr } from '../core/text.js';
import { OPAQUE, posAt, type SourceDoc, type Unit } from './prose.js';

export type FaceOf = (role: string) => Face | null;

/** Invisible characters a paste brings (zero-width space, joiners outside a sequence, BOM). */
export const ZERO_WIDTH = /^[\u200b-\u200f\u2060-\u2064\ufeff]$/u;

function roleOf(u: Unit, t: Template): string {
  switch (u.kind) {
    case 'field':
      return u.field === 'title' ? t.title.font : t.byline.font;
    case 'heading':
      return (t.headings[Math.min(4, Math.max(2, u.level ?? 2))] ?? t.headings[2]).font;
    case 'cell':
      return t.table.font;
    case 'note':
      return t.footnote.font;
    case 'quote':
      return t.quote.font;
    default:
      return t.body.font;
  }
}

export function checkGlyphs(docs: SourceDoc[], template: Template, face: FaceOf, sink: FindingSink): void {
  const fallback = template.fonts.fallback.map(face).filter((f): f is Face => !!f);
  // Bold and emphasis are not told apart here: a character any body face has is given the benefit.
  const body = [template.body.bold, template.body.emphasis].map(face).filter((f): f is Face => !!f);
  const known = new Map<string, boolean>();
  const printable = (cp: number, role: string): boolean => {
    const key = `${role}:${cp}`;
    let ok = known.get(key);
    if (ok === undefined) {
      const own = face(role);
      ok =
        !!own?.glyph(cp) ||
        fallback.some((f) => f.glyph(cp)) ||
        (role === template.body.font && body.some((f) => f.glyph(cp)));
      known.set(key, ok);
    }
    return ok;
  };
  for (const doc of docs) {
    const reported = new Set<string>();
    for (const u of [...doc.fields.values(), ...doc.units]) {
      const role = roleOf(u, template);
      const t = u.text;
      for (let k = 0; k < t.length; k++) {
        const cp = t.codePointAt(k)!;
        const width = cp > 0xffff ? 2 : 1;
        // Zero-width and format characters print as nothing whatever font has a glyph for them.
        const invisible = ZERO_WIDTH.test(String.fromCodePoint(cp));
        if (
          (cp >= 0x20 && cp < 0x7f) ||
          cp === 0x0a ||
          cp === 0x09 ||
          t[k] === OPAQUE ||
          (!invisible && printable(cp, role))
        ) {
          k += width - 1;
          continue;
        }
        const at = posAt(u, k);
        const line = at.line;
        const key = `${line}:${cp}`;
        k += width - 1;
        if (reported.has(key) || line < 0) continue;
        reported.add(key);
        const hex = cp.toString(16).toUpperCase().padStart(4, '0');
        const visible =
          cp >= 0x20 && !(cp >= 0x7f && cp < 0xa0) && !/[\p{Cf}\p{Zl}\p{Zp}]/u.test(String.fromCodePoint(cp));
        sink.add(
          'error',
          'glyph-missing',
          { file: doc.file, line: line + 1, col: at.col + 1 },
          visible
            ? tr('glyph-missing.check', { ch: String.fromCodePoint(cp), hex })
            : tr('glyph-missing.invisible', { hex }),
          visible ? tr('glyph-missing.check.fix') : tr('glyph-missing.invisible.fix'),
        );
      }
    }
  }
}
