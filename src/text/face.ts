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

/**
 * What a face has learnt about its font, as plain data: kept between builds (keyed by the
 * font file's hash) so a build parses the font's cmap and OpenType tables only for
 * characters and words it has not met before.
 */
export interface FaceMetrics {
  unitsPerEm: number;
  glyphs: Record<number, [number, number] | 0>;
  blank: Record<number, 'left' | 'right' | ''>;
  /** Shaped words, each as `wordCode` writes it: read back when the word is met. */
  words: Record<string, string>;
}

/**
 * A shaped word as one string, "ids;advances" and ";counts" when a glyph stands for other
 * than one character (a ligature): the cache holds thousands of words, and JSON.parse makes
 * a string of each far faster than three arrays (a build read 4,000 words in ~15 ms as
 * arrays); a word is decoded only when a text uses it.
 */
export function wordCode(run: LatinRun): string {
  const counts = run.texts.map((t) => Array.from(t).length);
  const code = `${run.ids.join(',')};${run.advances.join(',')}`;
  return counts.every((n) => n === 1) ? code : `${code};${counts.join(',')}`;
}

/** The run `wordCode` wrote for `text`. */
export function wordRun(text: string, code: string): LatinRun {
  const [ids, advances, counts] = code.split(';').map((part) => (part ? part.split(',').map(Number) : []));
  const chars = Array.from(text);
  const texts: string[] = [];
  for (let i = 0, at = 0; i < ids.length; i++) {
    const take = counts ? counts[i] : 1;
    texts.push(chars.slice(at, at + take).join(''));
    at += take;
  }
  return { ids, advances, texts, width: advances.reduce((a, b) => a + b, 0) };
}

/**
 * Shaped words kept in the metrics cache before it is pruned to those in use: every build
 * reads the whole cache (2,000 words ~3 ms, 4,000 ~8), and a word shaped again costs little.
 */
const WORD_LIMIT = 2000;

export class Face {
  readonly unitsPerEm: number;
  private readonly glyphs = new Map<number, GlyphInfo | null>();
  private readonly blank = new Map<number, BlankSide>();
  private readonly runs = new Map<string, LatinRun>();
  private parsed: fontkit.Font | undefined;
  /** Set when something new was learnt, so the registry knows to save the metrics. */
  dirty = false;

  constructor(
    readonly role: string,
    readonly file: string,
    readonly data: Buffer,
    readonly metrics: FaceMetrics = { unitsPerEm: 0, glyphs: {}, blank: {}, words: {} },
  ) {
    if (!metrics.unitsPerEm) {
      metrics.unitsPerEm = this.font.unitsPerEm;
      this.dirty = true;
    }
    this.unitsPerEm = metrics.unitsPerEm;
  }

  /** The parsed font, opened only when the metrics lack an answer. */
  private get font(): fontkit.Font {
    this.parsed ??= fontkit.create(this.data);
    return this.parsed;
  }

  /** The glyph for a code point, or null when the font lacks it. */
  glyph(cp: number): GlyphInfo | null {
    let g = this.glyphs.get(cp);
    if (g !== undefined) return g;
    const known = this.metrics.glyphs[cp];
    if (known !== undefined) {
      g = known ? { id: known[0], advance: known[1] } : null;
      this.glyphs.set(cp, g);
      return g;
    }
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
    this.metrics.glyphs[cp] = g ? [g.id, g.advance] : 0;
    this.dirty = true;
    return g;
  }

  /**
   * The glyph for each dash of a ——: the font's box-drawing line (U+2500) when it is a full
   * em wide, because box-drawing glyphs are drawn to join their neighbours and so make one
   * unbroken rule; the full-width dash otherwise. The text stays U+2014 in the PDF.
   */
  dashGlyph(): GlyphInfo | null {
    const dash = this.glyph(0x2014);
    const line = this.glyph(0x2500);
    return line && dash && line.advance === dash.advance ? line : dash;
  }

  /** Blank half of a full-width mark as the font's `halt` feature describes it. */
  blankSide(cp: number): BlankSide {
    let side = this.blank.get(cp);
    if (side !== undefined) return side;
    const known = this.metrics.blank[cp];
    if (known !== undefined) {
      side = known || null;
      this.blank.set(cp, side);
      return side;
    }
    side = null;
    const g = this.glyph(cp);
    if (g) {
      const run = this.font.layout(String.fromCodePoint(cp), ['halt']);
      const p = run.positions[0];
      if (p && p.xAdvance < g.advance * 0.75) side = p.xOffset < 0 ? 'left' : 'right';
    }
    this.blank.set(cp, side);
    this.metrics.blank[cp] = side ?? '';
    this.dirty = true;
    return side;
  }

  /**
   * What is kept between builds stays bounded: past WORD_LIMIT shaped words (random text, years
   * of issues), only those met in this process are kept. Reading a large cache costs more than
   * shaping its words again.
   */
  compact(): boolean {
    const words = Object.keys(this.metrics.words);
    if (words.length <= WORD_LIMIT) return false;
    const kept: FaceMetrics['words'] = {};
    for (const w of words) if (this.runs.has(w)) kept[w] = this.metrics.words[w];
    this.metrics.words = kept;
    return true;
  }

  /** Shapes a Latin word (kerning, ligatures); each distinct word is shaped once. */
  latin(text: string): LatinRun {
    let run = this.runs.get(text);
    if (run) return run;
    // a long-running process (the preview) meets words without end: start again rather than grow
    if (this.runs.size >= 4 * WORD_LIMIT) this.runs.clear();
    const known = this.metrics.words[text];
    if (typeof known === 'string') {
      run = wordRun(text, known);
      this.runs.set(text, run);
      return run;
    }
    const r = this.font.layout(text, ['kern', 'liga']);
    const ids: number[] = [];
    const advances: number[] = [];
    const texts: string[] = [];
    let width = 0;
    // A glyph's text is taken from the input, never from the font: a glyph shared by several
    // characters (· and • in one face) knows only one of them, and the copied text would change.
    const chars = Array.from(text);
    let at = 0;
    for (let i = 0; i < r.glyphs.length; i++) {
      const g = r.glyphs[i];
      ids.push(g.id);
      advances.push(r.positions[i].xAdvance);
      const take = i === r.glyphs.length - 1 ? chars.length - at : Math.max(1, g.codePoints.length);
      texts.push(chars.slice(at, at + take).join(''));
      at += take;
      width += r.positions[i].xAdvance;
    }
    run = { ids, advances, texts, width };
    this.runs.set(text, run);
    this.metrics.words[text] = wordCode(run);
    this.dirty = true;
    return run;
  }
}
