// The editor colophon (版记) at the foot of the last page, or after the text, between two rules.
import { structNode, type Item, type RuleItem, type StructNode, type TextItem } from '../paginate/display.js';
import type { FlowBlock } from '../paginate/flow.js';
import type { Issue } from '../source/model.js';
import type { Frame } from '../template/model.js';
import { isHan } from '../text/classes.js';
import { chineseDate, spacersOut } from './cover.js';
import { baselineIn, type Typesetter } from '../set/typeset.js';

/** A two-character name is spread to the width of three (李涛 → 李　涛), as Chinese forms do. */
export function spreadName(name: string): string {
  const chars = Array.from(name.trim());
  return chars.length === 2 && chars.every((c) => isHan(c.codePointAt(0)!))
    ? `${chars[0]}\u3000${chars[1]}`
    : name.trim();
}

/** Three grid lines: a line of space with the upper rule at its foot, then two lines of text. */
export function colophonHeight(ts: Typesetter): number {
  return 3 * ts.template.colophon.pitch;
}

/**
 * The colophon set right after the text (colophon.position: after): one slot of its three
 * grid lines, never split, the upper rule a grid line below the text.
 */
export function colophonBlock(issue: Issue, ts: Typesetter, frame: Frame, doc?: StructNode): FlowBlock {
  return { lines: [{ height: colophonHeight(ts), items: colophon(issue, ts, frame, 0, doc) }], orphans: 1, widows: 1 };
}

export function colophon(issue: Issue, ts: Typesetter, frame: Frame, top: number, doc?: StructNode): Item[] {
  const c = ts.template.colophon;
  const pos = { file: `${issue.dir}/issue.yaml`, line: 0, col: 0 };
  const h = colophonHeight(ts);
  const em = c.size;
  const rule = (y: number): RuleItem => ({
    kind: 'rule',
    x1: frame.left,
    y1: y,
    x2: frame.left + frame.width,
    y2: y,
    width: c.ruleWidth,
    color: c.color,
  });
  const first = top + c.pitch + baselineIn(c.pitch, c.size);
  const second = first + c.pitch;
  // The lines' words are the template's; {publisher}, {editor}, {phone} and {date} are the issue's.
  const set = (text: string) => ts.line(ts.plain(text, c.font, c.size, c.color, pos));
  const unit = set(c.unit.replace(/\{publisher\}/g, issue.meta.publisher));
  const name = issue.meta.editor.trim();
  const spread = spreadName(name);
  const editor = set(c.editor.replace(/\{editor\}/g, spread));
  const phone = set(c.phone.replace(/\{phone\}/g, issue.meta.phone));
  const div = structNode('Div', doc);
  // A line of the colophon: at the left margin (one character in), or ending one character in from the right.
  const left = (y: number, glyphs: TextItem['glyphs']): Item => ({
    kind: 'text',
    x: frame.left + em,
    y,
    glyphs,
    node: structNode('P', div),
  });
  const right = (y: number, line: { glyphs: TextItem['glyphs']; right: number }): Item => ({
    kind: 'text',
    x: frame.left + frame.width - em - line.right,
    y,
    glyphs: line.glyphs,
    node: structNode('P', div),
  });
  // The spread name copies as the editor wrote it (李涛); a space they typed stays.
  const editorGlyphs = spread === name ? editor.glyphs : spacersOut(editor.glyphs);
  if (c.layout === 'gongwen') {
    // GB/T 9704 版记: thick rules first and last, a thin one between; the unit and the date
    // it was issued (印发) on the last line, each one character in from the edge.
    const issued = set(c.issued.replace(/\{date\}/g, chineseDate(issue.meta.date)));
    const thin = (y: number): Item => ({ ...rule(y), width: c.ruleWidth * 0.7 });
    return [
      rule(top + c.pitch),
      left(first, editorGlyphs),
      right(first, phone),
      thin(top + 2 * c.pitch),
      left(second, spacersOut(set(issue.meta.publisher).glyphs)),
      right(second, issued),
      rule(top + h),
    ];
  }
  return [
    rule(top + c.pitch),
    left(first, unit.glyphs),
    left(second, editorGlyphs),
    right(second, phone),
    rule(top + h),
  ];
}
