// The draft mark (样稿) laid across a page: the template's text, centred on the page and
// turned, drawn under everything so the page stays readable through it.
import type { TextItem } from '../paginate/display.js';
import { baselineIn, type Typesetter } from '../set/typeset.js';

export function watermark(ts: Typesetter): TextItem | null {
  const w = ts.template.watermark;
  const page = ts.template.page;
  if (!w.text.trim()) return null;
  const pos = { file: 'template.yaml', line: 0, col: 0 };
  const line = ts.line(ts.plain(w.text, w.font, w.size, w.color, pos));
  // The text's middle (half its advance along the baseline, the em box's middle above it)
  // goes to the page's middle; the origin is found by turning that offset back.
  const a = (w.angle * Math.PI) / 180;
  const dx = line.right / 2;
  const up = baselineIn(0, w.size);
  // Page coordinates run downwards, so "counter-clockwise" turns y the other way.
  const x = page.width / 2 - (dx * Math.cos(a) - up * Math.sin(a));
  const y = page.height / 2 + (dx * Math.sin(a) + up * Math.cos(a));
  return { kind: 'text', x, y, glyphs: line.glyphs, angle: w.angle, behind: true };
}
