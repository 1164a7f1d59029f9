// Character classes for Chinese composition (W3C clreq, GB/T 15834).

/** May not start a line (行首禁则): closing marks, stops, and the like. */
export const NO_START = new Set(
  Array.from('、，。．：；？！）〕］｝〉》」』】〗〙”’・·‧%‰℃％，。,.;:?!)]}>…' + '\u2014\u2015\u30FC\u3005\u301F'),
);
/** May not end a line (行尾禁则): opening marks. */
export const NO_END = new Set(Array.from('（〔［｛〈《「『【〖〘“‘([{<'));

/** ASCII symbols that bind to both neighbours ("科创+产业", "3-5", "A/B"). */
export const GLUE = new Set(Array.from('+-=/&*^~#@_|\\'));

export function isHan(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2e80 && cp <= 0x2fdf) || // radicals
    cp === 0x3007 ||
    cp === 0x3005
  );
}

/** Characters set on the full-width grid: Han, kana, hangul, CJK and full-width marks. */
export function isWide(cp: number): boolean {
  return (
    isHan(cp) ||
    (cp >= 0x3000 && cp <= 0x303f) || // CJK symbols and punctuation
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0xac00 && cp <= 0xd7af) || // hangul
    (cp >= 0xff01 && cp <= 0xff60) || // full-width forms
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x2018 && cp <= 0x201f) || // “” ‘’ are full-width in Chinese fonts
    cp === 0x2014 ||
    cp === 0x2015 ||
    cp === 0x2026 ||
    cp === 0x2e3a ||
    cp === 0x2605 ||
    cp === 0x2606 ||
    cp === 0x25cf ||
    cp === 0x25a0 ||
    cp === 0x25c6 ||
    cp === 0x203b
  );
}

/** Letters and digits of Latin (and Greek, Cyrillic) text, which get the Han/Latin space. */
export function isAlnum(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
  if (isWide(cp)) return false;
  return /[\p{L}\p{N}]/u.test(String.fromCodePoint(cp));
}

export function isSpace(cp: number): boolean {
  return cp === 0x20 || cp === 0x09 || cp === 0x0a || cp === 0xa0;
}

/** —— and …… are drawn as one unbreakable unit. */
export function isDashOrEllipsis(cp: number): boolean {
  return cp === 0x2014 || cp === 0x2015 || cp === 0x2026 || cp === 0x2e3a;
}
