// One font file, opened with fontkit: glyph lookup, advances and the font's own
// punctuation metrics (halt/fwid), each looked up once and cached.
import * as fontkit from 'fontkit';

export interface GlyphInfo {
  id: number;
  /** Advance in font units. */
  advance: number;
}

/** Which half of a full-width mark is blank, read from the font's `halt` feature. */
export type BlankSide = 'left' | 'right' | null;

export interface LatinRun {
  ids: number[];
  /** Advances in font units, kerning applied. */
  advances: number[];
  /** The text each glyph stands for (ligatures carry several characters). */
  texts: string[];
  width: number;
}

export class Face {
  readonly unitsPerEm: number;
  private readonly glyphs = new Map<number, GlyphInfo | null>();
  private readonly blank = new Map<number, BlankSide>();
  private readonly runs = new Map<string, LatinRun>();

  constructor(
    readonly role: string,
    readonly file: string,
    readonly data: Buffer,
    private readonly font: fontkit.Font = fontkit.create(data),
  ) {
    this.unitsPerEm = font.unitsPerEm;
  }

  get postscriptName(): string {
    return this.font.postscriptName;
  }

  /** The glyph for a code point, or null when the font lacks it. */
  glyph(cp: number): GlyphInfo | null {
    let g = this.glyphs.get(cp);
    if (g !== undefined) return g;
    if (cp === 0x2014 || cp === 0x2026) {
      // The Noto cmap maps — and … to proportional glyphs; Chinese text wants the
      // full-width forms, which the font offers through `fwid`.
      const run = this.font.layout(String.fromCodePoint(cp), ['fwid']);
      g = { id: run.glyphs[0].id, advance: run.positions[0].xAdvance };
    } else {
      const glyph = this.font.glyphForCodePoint(cp);
      g = glyph && glyph.id !== 0 ? { id: glyph.id, advance: glyph.advanceWidth } : null;
    }
    this.glyphs.set(cp, g);
    return g;
  }

  /** Blank half of a full-width mark as the font's `halt` feature describes it. */
  blankSide(cp: number): BlankSide {
    let side = this.blank.get(cp);
    if (side !== undefined) return side;
    side = null;
    const g = this.glyph(cp);
    if (g) {
      const run = this.font.layout(String.fromCodePoint(cp), ['halt']);
      const p = run.positions[0];
      if (p && p.xAdvance < g.advance * 0.75) side = p.xOffset < 0 ? 'left' : 'right';
    }
    this.blank.set(cp, side);
    return side;
  }

  /** Shapes a Latin word (kerning, ligatures); each distinct word is shaped once. */
  latin(text: string): LatinRun {
    let run = this.runs.get(text);
    if (run) return run;
    const r = this.font.layout(text, ['kern', 'liga']);
    const ids: number[] = [];
    const advances: number[] = [];
    const texts: string[] = [];
    let width = 0;
    for (let i = 0; i < r.glyphs.length; i++) {
      const g = r.glyphs[i];
      ids.push(g.id);
      advances.push(r.positions[i].xAdvance);
      texts.push(String.fromCodePoint(...g.codePoints));
      width += r.positions[i].xAdvance;
    }
    run = { ids, advances, texts, width };
    this.runs.set(text, run);
    return run;
  }

  /** True when every character of `text` has a glyph. */
  covers(text: string): boolean {
    for (const ch of text) if (!this.glyph(ch.codePointAt(0)!)) return false;
    return true;
  }
}
