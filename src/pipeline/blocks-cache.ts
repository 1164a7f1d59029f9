// Articles' flow blocks remembered between builds of one process (the preview): an article
// loaded as the same object (source/load.ts gives the same Article while its file's text is
// the same) and set with the same template, fonts and options is not set again — not even
// looked up paragraph by paragraph in the composition cache. With 180 articles, setting them
// all from the composition cache cost a fifth of a rebuild.
//
// What setting an article does besides giving its blocks is kept with them and done again
// on reuse: its diagnostics, the characters it set in fallback fonts, its sections for the
// contents, and the paragraphs it used in the composition cache (kept there, so that when
// the article changes its unchanged paragraphs are still found). An article with characters
// no font has is set every time (each place is reported, as the composition cache does).
//
// The blocks' elements hang from the issue's Document element, which is kept with them: a
// cache is for one issue folder, and starts afresh whenever anything else setting reads
// changes. Blocks are never changed by the flow (its passes re-flow the same blocks), so
// one object serves many builds.
import type { FontRegistry } from '../fonts/registry.js';
import { structNode, type StructNode } from '../paginate/display.js';
import type { FlowBlock } from '../paginate/flow.js';
import type { Diagnostic } from '../source/diagnostics.js';
import type { Article } from '../source/model.js';
import type { SectionMark } from '../set/article.js';
import { composeCache } from '../set/compose-cache.js';
import type { Typesetter } from '../set/typeset.js';
import type { Line } from '../compose/lines.js';
import type { Face } from '../text/face.js';

interface Kept {
  anchor: string;
  separator: boolean;
  blocks: FlowBlock[];
  sections: SectionMark[];
  diagnostics: Diagnostic[];
  /** Characters set in fallback fonts, by role (in the order first met). */
  fallbacks: [string, string[]][];
  /** The faces its text was set in, by role. */
  faces: Map<string, Face>;
  /** The composition cache's entries it used. */
  used: (string | Line[])[];
}

class IssueBlocks {
  readonly doc: StructNode = structNode('Document');
  /** By Article: an article changed or gone is let go with its object. */
  readonly kept = new WeakMap<Article, Kept>();
  constructor(readonly env: string) {}
}

/** The two latest issue folders' (a process building many issues keeps no more). */
const issues = new Map<string, IssueBlocks>();

/** Articles set afresh and reused since the process started (tests, the benchmark). */
export const blocksCacheStats = { set: 0, reused: 0 };

/**
 * Everything setting reads but the article: the template (as loaded, fonts installed), the
 * font manifest's entries, and the options.
 */
function envOf(ts: Typesetter, fonts: FontRegistry): string {
  return JSON.stringify([ts.template, [...fonts.entries], ts.strict, ts.breaker]);
}

/**
 * The blocks of the issue's articles for one build: `doc` is the Document element they hang
 * from; `article` gives an article's blocks, set afresh by `set` or as kept.
 */
export function articleBlocksFor(
  dir: string,
  ts: Typesetter,
  fonts: FontRegistry,
): {
  doc: StructNode;
  article: (
    a: Article,
    anchor: string,
    separator: boolean,
    sections: SectionMark[],
    set: () => FlowBlock[],
  ) => FlowBlock[];
} {
  const env = envOf(ts, fonts);
  let cache = issues.get(dir);
  issues.delete(dir);
  if (!cache || cache.env !== env) cache = new IssueBlocks(env);
  issues.set(dir, cache);
  for (const k of issues.keys()) if (issues.size > 2) issues.delete(k);
  const { kept } = cache;
  return {
    doc: cache.doc,
    article(a, anchor, separator, sections, set) {
      const k = kept.get(a);
      if (k && k.anchor === anchor && k.separator === separator && [...k.faces].every(([r, f]) => ts.face(r) === f)) {
        blocksCacheStats.reused++;
        ts.diags.list.push(...k.diagnostics);
        for (const [role, chars] of k.fallbacks) {
          let s = ts.fallbacks.get(role);
          if (!s) ts.fallbacks.set(role, (s = new Set()));
          for (const c of chars) s.add(c);
        }
        sections.push(...k.sections);
        composeCache.keep(k.used);
        return k.blocks;
      }
      blocksCacheStats.set++;
      kept.delete(a);
      // The article's own fallback characters: the build's are set aside while it is set.
      const outer = [...ts.fallbacks].map(([role, chars]) => [role, [...chars]] as const);
      ts.fallbacks.clear();
      const diagnostics = ts.diags.list.length;
      const faces = new Map<string, Face>();
      const face = ts.face.bind(ts);
      ts.face = (role: string) => {
        const f = face(role);
        faces.set(role, f);
        return f;
      };
      let blocks: FlowBlock[];
      let used: (string | Line[])[];
      const own: [string, string[]][] = [];
      try {
        ({ value: blocks, used } = composeCache.recording(set));
      } finally {
        delete (ts as { face?: unknown }).face;
        for (const [role, chars] of ts.fallbacks) own.push([role, [...chars]]);
        ts.fallbacks.clear();
        for (const [role, chars] of outer) ts.fallbacks.set(role, new Set(chars));
        for (const [role, chars] of own) {
          let s = ts.fallbacks.get(role);
          if (!s) ts.fallbacks.set(role, (s = new Set()));
          for (const c of chars) s.add(c);
        }
      }
      const diags = ts.diags.list.slice(diagnostics);
      if (!diags.some((d) => d.code === 'glyph-missing'))
        kept.set(a, {
          anchor,
          separator,
          blocks,
          sections: [...sections],
          diagnostics: diags,
          fallbacks: own,
          faces,
          used,
        });
      return blocks;
    },
  };
}
