// Sizes as editors and the standards write them: points, lengths in mm/cm/in, and the
// Chinese type sizes (号数) that GB/T 9704 and every word processor in China use.
import { t, type Text } from '../core/text.js';

/** 号数 → pt, as Word and WPS define them (三号 = 16 pt, 小四 = 12 pt). */
export const CHINESE_SIZES: Record<string, number> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
  七号: 5.5,
  八号: 5,
};

const UNITS: Record<string, number> = { pt: 1, mm: 72 / 25.4, cm: 720 / 25.4, in: 72 };

/** What the value may be, for messages and the reference. */
export const LENGTH_WORDS = 'a number of pt, a length (37mm, 1.5cm, 0.5in, 12pt) or a Chinese size (初号 … 八号, 小四)';

/**
 * A size or length written as text → pt; or what is wrong with it. Numbers stay numbers: a
 * bare number is already pt.
 */
export function parseLength(text: string): number | { message: Text; fix: Text } {
  const s = text.trim().replace(/\s+/g, '');
  const named = CHINESE_SIZES[s.replace(/^小(\d)$/, '小$1').replace(/字$/, '')];
  if (named !== undefined) return named;
  const m = /^(\d+(?:\.\d+)?|\.\d+)(pt|mm|cm|in)$/i.exec(s);
  if (m) return Math.round(Number(m[1]) * UNITS[m[2].toLowerCase()] * 1000) / 1000;
  const near = Object.keys(CHINESE_SIZES).find((k) => k[0] === s[0] || k[1] === s[1]);
  return {
    message: t('size.not-a-size', { text }),
    fix:
      near && /[\u4e00-\u9fff]/.test(s)
        ? t('size.chinese.fix', { near, sizes: Object.keys(CHINESE_SIZES).join(' ') })
        : t('size.fix'),
  };
}
