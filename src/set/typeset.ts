// Shared by every bulletin part: styled text → composed lines with the template's fonts.
import { buildAtoms, type AtomEnv, type StyledRun } from '../compose/atoms.js';
import { composeLines, type Align, type Line } from '../compose/lines.js';
import type { FontRegistry } from '../fonts/registry.js';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';
import { t as tr } from '../core/text.js';
import type { Span } from '../source/model.js';
import { frameOf, type Template, type TextStyle } from '../template/model.js';
import type { Face } from '../text/face.js';
import { composeCache } from './compose-cache.js';

/**
 * Composed lines whose every glyph is in its own run's face (nearly all): the report of
 * fallback characters has nothing to find in them, whichever build meets them again.
 */
const ownFacesOnly = new WeakSet<Line[]>();

/**
 * The composer with the template's fonts and options: styled text → composed lines, for
 * every part of the issue (articles, cover, folios, colophon). It reports characters no font
 * has and remembers which fallback fonts printed what.
 */
export class Typesetter {
  private readonly env: AtomEnv;
  private readonly reported = new Set<string>();
  private missingCount = 0;

  constructor(
    readonly template: Template,
    readonly fonts: FontRegistry,
    readonly diags: Diagnostics,
    readonly strict = false,
    readonly breaker: 'total-fit' | 'greedy' = 'total-fit',
  ) {
    const tracking = frameOf(template).charPitch / template.body.size - 1;
    this.env = {
      hanLatin: template.body.hanLatin,
      tracking: Math.abs(tracking) > 1e-9 ? tracking : 0,
      compress: template.body.compress,
      fallback: () => this.fallback(),
      missing: (ch, pos) => this.missing(ch, pos),
    };
  }

  face(role: string): Face {
    return this.fonts.face(role);
  }

  private fallbackFaces: Face[] | undefined;

  private fallback(): Face[] {
    // Opened on first need: most issues never need a fallback font.
    // Fallback roles not installed here (HanaMinB, BabelStone Han) are passed over.
    this.fallbackFaces ??= this.template.fonts.fallback.filter((r) => this.fonts.has(r)).map((r) => this.fonts.face(r));
    return this.fallbackFaces;
  }

  private missing(ch: string, pos: SourcePos): void {
    this.missingCount++;
    const cps = Array.from(ch, (c) => c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));
    const cp = cps.join(' U+');
    const key = `${pos.file}:${pos.line}:${cp}`;
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const msg = tr(cps.length > 1 ? 'glyph-missing.sequence' : 'glyph-missing', { ch, cp });
    const fix = tr('glyph-missing.fix');
    if (this.strict) this.diags.error('glyph-missing', pos, msg, fix);
    else this.diags.warn('glyph-missing', pos, msg, fix);
  }

  /** Spans of an article → runs in a style, bold/emphasis in the template's fonts for them. */
  runs(spans: Span[], style: TextStyle, boldFont?: string): StyledRun[] {
    return spans.map((s) => ({
      text: s.text,
      face: this.face(s.bold ? (boldFont ?? this.template.body.bold) : s.em ? this.template.body.emphasis : style.font),
      size: style.size,
      color: style.color,
      pos: s.pos,
      href: s.href,
    }));
  }

  plain(text: string, font: string, size: number, color: string, pos: SourcePos): StyledRun {
    return { text, face: this.face(font), size, color, pos };
  }

  lines(
    runs: StyledRun[],
    o: { measure: number; align: Align; firstIndent?: number; restIndent?: number; em?: number; balance?: boolean },
  ): Line[] {
    const options = {
      ...o,
      em: o.em ?? this.template.body.size,
      breaker: this.breaker,
      ...(this.template.body.compress ? {} : { fill: true }),
    };
    const key = composeCache.key(runs, options, { ...this.env, fallback: this.template.fonts.fallback });
    const known = composeCache.get(key);
    if (known) {
      if (!ownFacesOnly.has(known)) this.noteFallbacks(runs, known);
      return known;
    }
    const missing = this.missingCount;
    const atoms = buildAtoms(runs, this.env);
    const lines = composeLines(atoms, options);
    // A paragraph with characters no font has is set afresh each time, so each place is reported.
    if (this.missingCount === missing) composeCache.set(key, lines);
    if (atoms.fallback) this.noteFallbacks(runs, lines);
    else ownFacesOnly.add(lines);
    return lines;
  }

  /** Characters set in a fallback font, by the font's role: for the build's report. */
  readonly fallbacks = new Map<string, Set<string>>();

  private noteFallbacks(runs: StyledRun[], lines: Line[]): void {
    let own: Set<string> | undefined;
    for (const l of lines) {
      for (const g of l.glyphs) {
        if (
          runs.length === 1 ? g.font === runs[0].face.role : (own ??= new Set(runs.map((r) => r.face.role))).has(g.font)
        )
          continue;
        if (!g.text.trim()) continue;
        let set = this.fallbacks.get(g.font);
        if (!set) this.fallbacks.set(g.font, (set = new Set()));
        set.add(g.text);
      }
    }
  }

  /**
   * The widest stretch of the runs no break may divide (a word with what clings to it, a URL
   * between its slashes): the least measure that sets them without breaking between letters.
   */
  unbreakable(runs: StyledRun[]): number {
    const { atoms, gaps } = buildAtoms(runs, this.env);
    let widest = 0;
    let run = 0;
    atoms.forEach((a, k) => {
      run += a.width;
      widest = Math.max(widest, run);
      const g = gaps[k];
      run = !g || g.breakable ? 0 : run + g.width;
    });
    return widest;
  }

  /** One line of text, never broken (masthead, folios, colophon). */
  line(run: StyledRun, align: Align = 'left', measure = 1e6): Line {
    const ls = this.lines([{ ...run }], { measure, align });
    if (ls.length === 0) return { glyphs: [], left: 0, right: 0, last: true, links: [], size: run.size };
    return ls[0];
  }
}

/** Where a glyph's baseline sits in a slot of height h, for text of size s: centred on the em box. */
export function baselineIn(h: number, s: number): number {
  // Chinese fonts centre the ideographic em box 0.38 em above the baseline (0.88 / −0.12).
  return h / 2 + 0.38 * s;
}
