// Colours as templates write them — #rrggbb for the screen, optionally with the print shop's
// cmyk(c,m,y,k) in per cent (the 红头 red: cmyk(0,100,100,0)) — and as the PDF draws them:
// RGB (the default), DeviceCMYK for the print shop (--cmyk), or grey (--grayscale).

export type ColorMode = 'rgb' | 'cmyk' | 'gray';

export interface Color {
  rgb: [number, number, number];
  /** As the template gave it, 0–1; else derived from the RGB when asked for. */
  cmyk?: [number, number, number, number];
}

const HEX = /^#([0-9a-f]{6})$/i;
const CMYK =
  /^cmyk\(\s*(\d+(?:\.\d+)?)%?\s*,\s*(\d+(?:\.\d+)?)%?\s*,\s*(\d+(?:\.\d+)?)%?\s*,\s*(\d+(?:\.\d+)?)%?\s*\)$/i;

/**
 * A template colour → its canonical text (`#rrggbb` or `#rrggbb cmyk(c,m,y,k)`), or null
 * when it is none. A cmyk() alone gets the RGB it shows as on screen.
 */
export function canonicalColor(text: string): string | null {
  const parts = text.trim().split(/\s+(?=cmyk)/i);
  let hex: string | undefined;
  let cmyk: number[] | undefined;
  for (const p of parts) {
    const h = HEX.exec(p);
    const c = CMYK.exec(p.replace(/\s+/g, ''));
    if (h && !hex) hex = `#${h[1].toLowerCase()}`;
    else if (c && !cmyk) {
      cmyk = c.slice(1, 5).map(Number);
      if (cmyk.some((v) => v > 100)) return null;
    } else return null;
  }
  if (!hex && !cmyk) return null;
  if (!cmyk) return hex!;
  if (!hex) {
    const [c, m, y, k] = cmyk.map((v) => v / 100);
    hex =
      '#' +
      [c, m, y]
        .map((v) =>
          Math.round(255 * (1 - v) * (1 - k))
            .toString(16)
            .padStart(2, '0'),
        )
        .join('');
  }
  return `${hex} cmyk(${cmyk.join(',')})`;
}

export function parseColor(spec: string): Color {
  const v = parseInt(spec.slice(1, 7), 16);
  const out: Color = { rgb: [((v >> 16) & 255) / 255, ((v >> 8) & 255) / 255, (v & 255) / 255] };
  const c = /cmyk\(([^)]*)\)/.exec(spec);
  if (c) out.cmyk = c[1].split(',').map((x) => Number(x) / 100) as Color['cmyk'];
  return out;
}

/**
 * The CMYK a colour prints in: the template's own, else from its RGB — a grey (black text
 * included) as K alone, so it prints in one ink and never in four.
 */
export function toCmyk(c: Color): [number, number, number, number] {
  if (c.cmyk) return c.cmyk;
  const [r, g, b] = c.rgb;
  if (r === g && g === b) return [0, 0, 0, 1 - r];
  const k = 1 - Math.max(r, g, b);
  return [(1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k];
}

/** The grey a colour prints as on a black-and-white printer (luma, as Rec. 601 weighs it). */
export function toGray(c: Color): number {
  const [r, g, b] = c.rgb;
  return 0.299 * r + 0.587 * g + 0.114 * b;
}

const num = (v: number): string => {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

/** The PDF operator setting a fill (or stroke) colour in the mode. */
export function colorOp(spec: string, mode: ColorMode, stroke = false): string {
  const c = parseColor(spec);
  if (mode === 'cmyk') return `${toCmyk(c).map(num).join(' ')} ${stroke ? 'K' : 'k'}`;
  if (mode === 'gray') return `${num(toGray(c))} ${stroke ? 'G' : 'g'}`;
  return `${c.rgb.map(num).join(' ')} ${stroke ? 'RG' : 'rg'}`;
}
