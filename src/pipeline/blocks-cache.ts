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
import type { Remember } from '../furnish/contents-passes.js';

/** What setting a part of the layout did besides giving it, done again when it is reused. */
interface Effects {
  diagnostics: Diagnostic[];
  /** Characters set in fallback fonts, by role (in the order first met). */
  fallbacks: [string, string[]][];
  /** The faces its text was set in, by role. */
  faces: Map<string, Face>;
  /** The composition cache's entries it used (key, lines, key, lines…). */
  used: (string | Line[])[];
}

interface Kept extends Effects {
  anchor: string;
  separator: boolean;
  blocks: FlowBlock[];
  sections: SectionMark[];
}

/** Another part of the layout, kept under a key naming what it reads besides the setting (the cover, folios). */
interface Memo extends Effects {
  value: unknown;
}

class IssueBlocks {
  readonly doc: StructNode = structNode('Document');
  /** By Article: an article changed or gone is let go with its object. */
  readonly kept = new WeakMap<Article, Kept>();
  /** Of this build and the last: what the build before last used and the last did not falls away. */
  memos = new Map<string, Memo>();
  memosBefore = new Map<string, Memo>();
  constructor(readonly env: string) {}
}

/** The two latest issue folders' (a process building many issues keeps no more). */
const issues = new Map<string, IssueBlocks>();

/** Articles set afresh and reused since the process started (tests, the benchmark). */
export const blocksCacheStats = { set: 0, reused: 0 };

/**
 * Everything setting reads but the article: the template (as loaded, fonts installed), the
 * font manifest's entries, and the options. (The faces themselves are compared one by one.)
 */
function envOf(ts: Typesetter, fonts: FontRegistry): string {
  return JSON.stringify([ts.template, [...fonts.entries], ts.strict, ts.breaker]);
}

/**
 * Runs `make` and says what it did besides: the diagnostics it added, the characters it set in
 * fallback fonts (the build's own set aside meanwhile, then merged again), the faces it set
 * text in and the paragraphs it used. Null effects: it met characters no font has (set afresh
 * every time, so that each place is reported).
 */
function capture<T>(ts: Typesetter, make: () => T): { value: T; effects: Effects | null } {
  const faces = new Map<string, Face>();
  const face = ts.face.bind(ts);
  ts.face = (role: string) => {
    const f = face(role);
    faces.set(role, f);
    return f;
  };
  const outer = [...ts.fallbacks].map(([role, chars]) => [role, [...chars]] as const);
  ts.fallbacks.clear();
  const before = ts.diags.list.length;
  const fallbacks: [string, string[]][] = [];
  let made: { value: T; used: (string | Line[])[] };
  try {
    made = composeCache.recording(make);
  } finally {
    delete (ts as { face?: unknown }).face;
    for (const [role, chars] of ts.fallbacks) fallbacks.push([role, [...chars]]);
    ts.fallbacks.clear();
    for (const [role, chars] of outer) ts.fallbacks.set(role, new Set(chars));
    addFallbacks(ts, fallbacks);
  }
  const diagnostics = ts.diags.list.slice(before);
  if (diagnostics.some((d) => d.code === 'glyph-missing')) return { value: made.value, effects: null };
  return { value: made.value, effects: { diagnostics, fallbacks, faces, used: made.used } };
}

function addFallbacks(ts: Typesetter, fallbacks: [string, string[]][]): void {
  for (const [role, chars] of fallbacks) {
    let s = ts.fallbacks.get(role);
    if (!s) ts.fallbacks.set(role, (s = new Set()));
    for (const c of chars) s.add(c);
  }
}

/** Whether kept effects still hold (the same faces), and if so, does them again. */
function redo(ts: Typesetter, e: Effects): boolean {
  if (![...e.faces].every(([r, f]) => ts.face(r) === f)) return false;
  ts.diags.list.push(...e.diagnostics);
  addFallbacks(ts, e.fallbacks);
  composeCache.keep(e.used);
  return true;
}

export interface KeptBlocks {
  /** The Document element every part of the issue hangs from. */
  doc: StructNode;
  /** An article's blocks, set afresh by `set` or as kept; its sections pushed to `sections`. */
  article(a: Article, anchor: string, separator: boolean, sections: SectionMark[], set: () => FlowBlock[]): FlowBlock[];
  remember: Remember;
}

/** What is kept of the issue in `dir` for a build setting with `ts`. */
export function articleBlocksFor(dir: string, ts: Typesetter, fonts: FontRegistry): KeptBlocks {
  const env = envOf(ts, fonts);
  let cache = issues.get(dir);
  issues.delete(dir);
  if (!cache || cache.env !== env) cache = new IssueBlocks(env);
  issues.set(dir, cache);
  for (const k of issues.keys()) if (issues.size > 2) issues.delete(k);
  const { kept } = cache;
  cache.memosBefore = cache.memos;
  cache.memos = new Map();
  const { memos, memosBefore } = cache;
  return {
    doc: cache.doc,
    remember<T>(key: string, make: () => T): T {
      const m = memos.get(key) ?? memosBefore.get(key);
      if (m && redo(ts, m)) {
        memos.set(key, m);
        return m.value as T;
      }
      const { value, effects } = capture(ts, make);
      if (effects) memos.set(key, { ...effects, value });
      else memos.delete(key);
      return value;
    },
    article(a, anchor, separator, sections, set) {
      const k = kept.get(a);
      if (k && k.anchor === anchor && k.separator === separator && redo(ts, k)) {
        blocksCacheStats.reused++;
        sections.push(...k.sections);
        return k.blocks;
      }
      blocksCacheStats.set++;
      kept.delete(a);
      const { value: blocks, effects } = capture(ts, set);
      if (effects) kept.set(a, { ...effects, anchor, separator, blocks, sections: [...sections] });
      return blocks;
    },
  };
}
