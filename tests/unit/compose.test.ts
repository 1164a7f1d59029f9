// The line composer, case by case: prohibition rules, justification, punctuation widths,
// Han/Latin spacing — measured on the composed lines (positions in pt, em = 12 pt).
import { describe, expect, it } from 'vitest';
import { boxes, compose, lineText, run, sansBold, serif, SIZE } from '../helpers/compose.js';

const EM = SIZE;
const HAN = '科技创新驱动发展战略强化引领方面认真学习领会总书记重要讲话精神准确把握国家定位要求';
const han = (n: number, from = 0) =>
  Array.from(HAN)
    .slice(from, from + n)
    .join('');
const NO_START = Array.from('。，、；：？！）》”’%');
const NO_END = Array.from('（《“‘');

describe('prohibition rules (避头尾)', () => {
  it.each(NO_START)('never starts a line with %s', (mark) => {
    // the mark falls exactly at the start of line 2 when set naively
    const text = `${han(20)}${mark}${han(25, 20)}`;
    const set = compose(text, 20);
    for (const t of set.texts.slice(1)) expect(NO_START).not.toContain(t[0]);
    expect(set.texts.join('')).toBe(text);
  });

  it.each(NO_END)('never ends a line with %s', (mark) => {
    const text = `${han(19)}${mark}${han(4, 20)}${mark === '（' ? '）' : mark === '《' ? '》' : mark === '“' ? '”' : '’'}${han(20, 24)}`;
    const set = compose(text, 20);
    for (const t of set.texts) expect(NO_END).not.toContain(t[t.length - 1]);
  });

  it.each(['——', '……'])('never splits %s', (pair) => {
    for (let at = 17; at <= 21; at++) {
      const text = `${han(at)}${pair}${han(20, at)}`;
      const set = compose(text, 20);
      for (const t of set.texts.slice(1)) expect(t[0]).not.toBe(pair[0]);
      expect(set.texts.join('')).toBe(text);
    }
  });

  it('squeezes punctuation to keep a comma on its line (推入) when that disturbs spacing least', () => {
    const first = '甲乙、丙丁、戊己、庚辛、壬癸子丑寅卯辰巳'; // 20 characters: the comma comes 21st
    const set = compose(`${first}，${han(30)}`, 20);
    expect(set.texts[0]).toBe(`${first}，`);
    const b = boxes(set.lines[0]);
    expect(b[b.length - 1].x0 + EM / 2).toBeCloseTo(20 * EM, 6);
  });

  it('pushes a character down (推出) when the line has nothing to squeeze', () => {
    const set = compose(`${han(20)}，${han(30)}`, 20);
    expect(set.texts[0]).toBe(han(19));
    expect(set.texts[1].startsWith(`${han(1, 19)}，`)).toBe(true);
  });

  it('keeps a number with its unit sign and never breaks inside a number', () => {
    for (let at = 14; at <= 20; at++) {
      const set = compose(`${han(at)}增长9.41%，${han(20)}`, 20);
      const joined = set.texts.join('|');
      expect(joined).toContain('9.41%');
    }
  });

  it('never breaks a Latin word, but may break a URL after a slash, with no hyphen', () => {
    const set = compose('详见https://www.example.gov.cn/kjqb/2023/06/report.html，以及Internationalization一词。', 10);
    for (const t of set.texts) expect(t).not.toMatch(/-$/);
    expect(set.texts.some((t) => t.includes('Internationalization'))).toBe(true);
    expect(set.texts.join('')).toContain('https://www.example.gov.cn/kjqb/2023/06/report.html');
    expect(set.texts.length).toBeGreaterThan(3);
  });

  it('may break after a hyphen inside a word rather than leave a line gaping', () => {
    const set = compose(
      '来自Massachusetts Institute of Technology（MIT）、Max-Planck-Gesellschaft和清华大学的团队。',
      30,
      { indent: 2 },
    );
    expect(set.texts[0]).toMatch(/Max-(Planck-)?$/);
    expect(set.texts.join('')).toContain('Max-Planck-Gesellschaft');
    // and a hyphen is not a break the composer takes lightly
    expect(compose('全球Max-Planck-Gesellschaft研究所。', 40).lines).toHaveLength(1);
  });

  it('breaks a word wider than the measure between letters rather than overflow', () => {
    const word = 'Pneumonoultramicroscopicsilicovolcanoconiosis_and_more_letters';
    const set = compose(`见${word}一词。`, 10);
    for (const l of set.lines) expect(l.right).toBeLessThanOrEqual(10 * EM + 0.01);
    expect(set.texts.join('')).toBe(`见${word}一词。`);
  });
});

describe('justification', () => {
  const para = `${HAN}，“双招双引”平台新增项目46个，总投资额达135.4亿元。${HAN}`;

  it('brings every line but the last to both edges', () => {
    const set = compose(para, 20);
    for (const l of set.lines.slice(0, -1)) {
      const b = boxes(l);
      const last = b[b.length - 1];
      // a closing mark at the line's end is set half-width: its ink meets the edge
      const edge = '。，、；：？！）”'.includes(last.c) ? last.x0 + EM / 2 : last.x1;
      expect(Math.abs(edge - 20 * EM), lineText(l)).toBeLessThan(0.1);
    }
  });

  it('spreads the slack evenly over the gaps', () => {
    const set = compose(`${han(15)}ABCDEFGHIJKLMN${han(30)}`, 20);
    for (const l of set.lines.slice(0, -1)) {
      const b = boxes(l);
      const gaps: number[] = [];
      for (let k = 1; k < b.length; k++)
        if (/\p{Script=Han}/u.test(b[k].c) && /\p{Script=Han}/u.test(b[k - 1].c)) gaps.push(b[k].x0 - b[k - 1].x1);
      const mean = gaps.reduce((a, x) => a + x, 0) / gaps.length;
      const sd = Math.sqrt(gaps.reduce((a, x) => a + (x - mean) ** 2, 0) / gaps.length);
      expect(sd / EM).toBeLessThan(0.005);
    }
  });

  it('sets the last line flush left at natural spacing', () => {
    const set = compose(han(25), 20);
    const last = boxes(set.lines[1]);
    expect(last[0].x0).toBe(0);
    for (let k = 1; k < last.length; k++) expect(last[k].x0 - last[k - 1].x1).toBeCloseTo(0, 6);
  });

  it('indents the first line by two characters', () => {
    const set = compose(han(30), 20, { indent: 2 });
    expect(boxes(set.lines[0])[0].x0).toBe(2 * EM);
    expect(boxes(set.lines[1])[0].x0).toBe(0);
  });

  it('avoids a last line of one lonely character', () => {
    const set = compose(`${han(40)}。`, 20);
    expect(Array.from(set.texts[set.texts.length - 1]).length).toBeGreaterThan(2);
  });
});

describe('punctuation widths (标点挤压)', () => {
  const width = (text: string, a: string, b: string) => {
    const bx = boxes(compose(text, 40).lines[0]);
    const k = bx.findIndex((x, i) => x.c === a && bx[i + 1]?.c === b);
    // the pair's extent: from the first mark's box to the second's
    return (bx[k + 1].x1 - bx[k].x0) / EM;
  };
  it.each([
    ['。”', '他说“好。”然后'],
    ['）、', '甲（乙）、丙'],
    ['》、', '《甲》、《乙》'],
    ['”。', '叫“衢”。后'],
    ['：“', '指出：“要'],
    ['，“', '提出，“一'],
  ])('sets %s in about 1.5 em', (pair, text) => {
    expect(width(text, pair[0], pair[1])).toBeCloseTo(1.5, 2);
  });

  it('lets an opening mark that starts a line lose its leading blank half', () => {
    const set = compose(`${han(20)}（二）${han(10)}`, 20);
    const b = boxes(set.lines[1]);
    expect(b[0].c).toBe('（');
    expect(b[0].x0).toBeCloseTo(-EM / 2, 6); // its ink, in the right half, meets the left edge
    expect(b[1].x0).toBeCloseTo(EM / 2, 6);
    const after = boxes(compose(`（一）${han(10)}`, 20, { indent: 2 }).lines[0]);
    expect(after[0].x0).toBeCloseTo(1.5 * EM, 6);
  });

  it("never squeezes the second mark of a pair into the first one's place (reading order)", () => {
    // a line that must squeeze: the pair ，“ may not lose more than the comma's blank
    const set = compose(`完善，“科技${han(14)}”后面的内容${han(10)}`, 20);
    for (const l of set.lines) {
      const b = boxes(l);
      for (let k = 1; k < b.length; k++) expect(b[k].x0, lineText(l)).toBeGreaterThan(b[k - 1].x0 + 0.01);
    }
  });

  it('keeps a pair of marks at 1.5 em in a stretched line', () => {
    const set = compose(`他说“${han(6)}。”ABC DEF GHI JKL MNO PQR STU VWX YZ`, 20);
    const b = boxes(set.lines[0]);
    const k = b.findIndex((x, n) => x.c === '。' && b[n + 1]?.c === '”');
    expect((b[k + 1].x1 - b[k].x0) / EM).toBeCloseTo(1.5, 6);
  });

  it('gives a lone mark a full em', () => {
    const bx = boxes(compose('甲，乙', 40).lines[0]);
    expect((bx[2].x0 - bx[0].x1) / EM).toBeCloseTo(1, 6);
  });
});

describe('Han/Latin spacing (中西文间距)', () => {
  const gapsAround = (text: string) => {
    const bx = boxes(compose(text, 40).lines[0]);
    const out: number[] = [];
    for (let k = 1; k < bx.length; k++) {
      const a = bx[k - 1].c;
      const b = bx[k].c;
      if ((/\p{Script=Han}/u.test(a) && /[A-Za-z0-9]/.test(b)) || (/[A-Za-z0-9]/.test(a) && /\p{Script=Han}/u.test(b)))
        out.push((bx[k].x0 - bx[k - 1].x1) / EM);
    }
    return out;
  };

  it('puts a quarter em between Chinese and digits or letters', () => {
    expect(gapsAround('全市2023年引进MIT团队')).toEqual([0.25, 0.25, 0.25, 0.25].map(() => expect.closeTo(0.25, 6)));
  });

  it('prints "2023年" and "2023 年" alike', () => {
    const a = compose('截至2023年5月底', 40)
      .lines[0].glyphs.filter((g) => g.text.trim())
      .map((g) => g.x);
    const b = compose('截至 2023 年 5 月底', 40)
      .lines[0].glyphs.filter((g) => g.text.trim())
      .map((g) => g.x);
    expect(b).toEqual(a);
  });

  it('adds nothing inside full-width brackets or around symbols', () => {
    const bx = boxes(compose('（2023）科创+产业', 40).lines[0]);
    const xs = bx.map((b) => b.c).join('');
    expect(xs).toBe('（2023）科创+产业');
    const k = bx.findIndex((b) => b.c === '+');
    expect(bx[k].x0 - bx[k - 1].x1).toBeCloseTo(0, 6);
    expect(bx[k + 1].x0 - bx[k].x1).toBeCloseTo(0, 6);
    expect(bx[1].x0 - bx[0].x1).toBeCloseTo(0, 6);
  });

  it('keeps a space typed after a Latin mark before Chinese ("1. 供给侧"), but adds none untyped', () => {
    const spaced = boxes(compose('1. 供给侧工具', 40).lines[0]);
    expect((spaced[2].x0 - spaced[1].x1) / EM).toBeCloseTo(0.25, 6);
    const tight = boxes(compose('科创+产业', 40).lines[0]);
    expect(tight[3].x0 - tight[2].x1).toBeCloseTo(0, 6);
  });

  it('keeps the quarter em in a justified line with no two Chinese characters side by side', () => {
    const set = compose(
      'Apple和Google、Microsoft及Amazon等companies joined the open source effort again and again this year',
      21,
    );
    let checked = 0;
    for (const l of set.lines.slice(0, -1)) {
      const b = boxes(l);
      const han = (c: string) => /\p{Script=Han}/u.test(c);
      if (b.some((x, k) => k > 0 && han(x.c) && han(b[k - 1].c))) continue;
      for (let k = 1; k < b.length; k++) {
        if ((han(b[k - 1].c) && /[A-Za-z]/.test(b[k].c)) || (/[A-Za-z]/.test(b[k - 1].c) && han(b[k].c))) {
          expect((b[k].x0 - b[k - 1].x1) / EM).toBeCloseTo(0.25, 6);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('follows the template setting', () => {
    const bx = boxes(compose('共5家', 40, { hanLatin: 0.125 }).lines[0]);
    expect((bx[1].x0 - bx[0].x1) / EM).toBeCloseTo(0.125, 6);
  });
});

describe('centred titles', () => {
  const title = (text: string) => compose([run(text, sansBold)], 24, { align: 'center' }).texts;

  it('break where the words part, at a typed space or after a mark, rather than mid-phrase', () => {
    expect(title('湖北宜昌：聚力新型研发平台建设 助力产业高质量发展')).toEqual([
      '湖北宜昌：聚力新型研发平台建设',
      '助力产业高质量发展',
    ]);
    expect(title('浙江：教育、科技、人才三位一体的创新“衢”动模式实践')).toEqual([
      '浙江：教育、科技、',
      '人才三位一体的创新“衢”动模式实践',
    ]);
  });

  it('are balanced when nothing parts them', () => {
    const lines = title('科技创新驱动发展战略强化引领方面认真学习领会总书记重要讲话精神');
    expect(lines).toHaveLength(2);
    expect(Math.abs(lines[0].length - lines[1].length)).toBeLessThanOrEqual(1);
  });
});

describe('dashes and ellipses', () => {
  it('draws —— as one unbroken two-em rule that still reads as ——', () => {
    const l = compose('研发——转化', 20).lines[0];
    const dashes = l.glyphs.filter((g) => g.text === '—');
    expect(dashes).toHaveLength(2);
    expect(dashes[1].x - dashes[0].x).toBeCloseTo(EM, 6);
    expect(dashes[0].id).toBe(dashes[1].id);
    expect(dashes[0].id).toBe(serif.glyph(0x2500)!.id);
  });

  it('sets …… as two full-width ellipses', () => {
    const dots = compose('等等……然后', 20).lines[0].glyphs.filter((g) => g.text === '…');
    expect(dots.map((g) => g.adv)).toEqual([EM, EM]);
  });
});

describe("editors' habits", () => {
  it('drops ideographic spaces typed as an indent, keeping those inside the text', () => {
    const set = compose('\u3000\u3000编辑：李\u3000涛', 20, { indent: 2 });
    expect(set.texts[0]).toBe('编辑：李\u3000涛');
    expect(boxes(set.lines[0])[0].x0).toBe(2 * EM);
  });

  it('joins lines broken inside a paragraph without a space between Chinese characters', () => {
    // (the space typed before "and" stays in the text: it is the editor's)
    expect(compose('第一行\n第二行 and\nEnglish', 40).texts[0]).toBe('第一行第二行 and English');
    expect(compose('第一行\n第二行and\nEnglish', 40).texts[0]).toBe('第一行第二行and English');
  });
});

describe('mixed fonts', () => {
  it('keeps bold runs on the same baseline and grid', () => {
    const set = compose([run('一是建立机制。', sansBold), run('以高等院校为核心，串联新型研发机构和龙头企业。')], 20);
    const fonts = new Set(set.lines[0].glyphs.map((g) => g.font));
    expect(fonts).toEqual(new Set(['sans-bold', 'serif']));
    expect(set.texts.join('')).toBe('一是建立机制。以高等院校为核心，串联新型研发机构和龙头企业。');
  });
});

describe('missing glyphs', () => {
  it('reports a character no font can print instead of drawing a box', () => {
    const set = compose('甲\u{E000}乙', 20);
    expect(set.missing).toEqual(['\u{E000}']);
    expect(set.texts.join('')).toBe('甲乙');
  });
});
