// Properties of the composer over generated Chinese paragraphs that mix punctuation,
// digits and Latin: whatever the text, the rules hold.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { boxes, compose, SIZE } from '../helpers/compose.js';

const EM = SIZE;
const han = fc.constantFrom(
  ...Array.from(
    '的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质',
  ),
);
const closing = fc.constantFrom('，', '。', '、', '；', '：', '？', '！', '）', '》', '”');
const opening = fc.constantFrom('（', '《', '“');
const token = fc.oneof(
  { weight: 12, arbitrary: han },
  { weight: 3, arbitrary: closing },
  { weight: 1, arbitrary: opening },
  { weight: 1, arbitrary: fc.constantFrom('——', '……') },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 99999 }).map(String) },
  { weight: 1, arbitrary: fc.constantFrom('5.18%', '2023—2025', 'MIT', 'AI', 'COVID-19', '1+3') },
  { weight: 1, arbitrary: fc.constantFrom(' ', ' Open Source ', 'GDP ') },
);
const paragraph = fc
  .array(token, { minLength: 1, maxLength: 160 })
  .map((t) => t.join('').trim())
  .filter((s) => s.length > 0);
const squash = (s: string) => s.replace(/\s+/g, '');
const set = (l: { glyphs: { text: string }[] }) => l.glyphs.map((g) => g.text).join('');

const NO_START = new Set(Array.from('、，。：；？！）》”%'));
const NO_END = new Set(Array.from('（《“'));
const HALF_AT_END = new Set(Array.from('、，。：；？！）》”'));

describe('composer properties', () => {
  it('never breaks a prohibition rule, loses no text, and justifies every full line', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 12, max: 40 }), (text, chars) => {
        const set = compose(text, chars, { indent: 2 });
        expect(squash(set.texts.join(''))).toBe(squash(text));
        set.lines.forEach((l, k) => {
          const b = boxes(l);
          if (!b.length) return;
          if (k > 0) expect(NO_START.has(b[0].c), set.texts.join('|')).toBe(false);
          if (k > 0) expect(b[0].c === '—' && set.texts[k - 1].endsWith('—')).toBe(false);
          if (k > 0) expect(b[0].c === '…' && set.texts[k - 1].endsWith('…')).toBe(false);
          if (k < set.lines.length - 1) {
            expect(NO_END.has(b[b.length - 1].c), set.texts.join('|')).toBe(false);
            const last = b[b.length - 1];
            const edge = HALF_AT_END.has(last.c) ? last.x0 + EM / 2 : last.x1;
            // lines with a legal break can always be justified exactly
            if (Math.abs(edge - chars * EM) > 0.1) {
              // only an unbreakable run longer than the measure may overflow
              expect(l.glyphs.length, set.texts.join('|')).toBeLessThan(3 * chars);
              expect(edge).toBeGreaterThan(chars * EM);
            }
          }
        });
      }),
      { numRuns: 300, seed: 20230630 },
    );
  });

  it('keeps every glyph box to the right of the one before (text reads out in order)', () => {
    fc.assert(
      fc.property(paragraph, fc.integer({ min: 12, max: 40 }), (text, chars) => {
        for (const l of compose(text, chars, { indent: 2 }).lines) {
          const b = boxes(l);
          for (let k = 1; k < b.length; k++) expect(b[k].x0, set(l)).toBeGreaterThan(b[k - 1].x0 + 0.01);
        }
      }),
      { numRuns: 300, seed: 42 },
    );
  });

  it('keeps gaps between Chinese characters even within a line', () => {
    fc.assert(
      fc.property(paragraph, (text) => {
        const set = compose(text, 24);
        for (const l of set.lines.slice(0, -1)) {
          const b = boxes(l);
          const gaps: number[] = [];
          for (let k = 1; k < b.length; k++) {
            if (/\p{Script=Han}/u.test(b[k].c) && /\p{Script=Han}/u.test(b[k - 1].c)) gaps.push(b[k].x0 - b[k - 1].x1);
          }
          if (gaps.length < 2) continue;
          expect((Math.max(...gaps) - Math.min(...gaps)) / EM).toBeLessThan(0.02);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});
