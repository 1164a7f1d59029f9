// The running head (书眉): the bulletin's name, the issue or the article's title above the
// text block, by page parity, with an optional rule below.
import type { Item } from '../paginate/display.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import type { Typesetter } from '../set/typeset.js';
import { issueLine } from './cover.js';

/** The running head of page `number` (counted from 1), whose article is `article`; none when the format is empty. */
export function runningHead(number: number, article: string, issue: Issue, ts: Typesetter, frame: Frame): Item[] {
  const r = ts.template.runningHead;
  const format = number % 2 === 1 ? r.odd : r.even;
  if (!format) return [];
  const text = format
    .replace(/\{title\}/g, issue.meta.title)
    .replace(/\{issue\}/g, issueLine(issue))
    .replace(/\{article\}/g, article);
  if (!text.trim()) return [];
  const pos = { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 };
  // Centred, or at the outside (odd pages right) or inside edge of the text block.
  const right = r.align !== 'center' && (number % 2 === 1) === (r.align === 'outside');
  const line = ts.line(
    ts.plain(text, r.font, r.size, r.color, pos),
    r.align === 'center' ? 'center' : 'left',
    frame.width,
  );
  const x = right ? frame.left + frame.width - line.right : frame.left;
  const items: Item[] = [{ kind: 'text', x, y: r.baseline, glyphs: line.glyphs, artifact: 'Header' }];
  if (r.ruleWidth > 0) {
    const y = r.baseline + 0.35 * r.size + r.ruleWidth;
    items.push({
      kind: 'rule',
      x1: frame.left,
      y1: y,
      x2: frame.left + frame.width,
      y2: y,
      width: r.ruleWidth,
      color: r.color,
    });
  }
  return items;
}
