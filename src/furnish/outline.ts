// The contents' entries and the PDF outline (bookmarks), from where the articles' titles and
// sections landed: the outline nests as the contents list them.
import type { OutlineEntry } from '../paginate/display.js';
import type { Issue } from '../source/model.js';
import type { SectionMark } from '../set/article.js';
import type { TocEntry } from './cover.js';

/** Where an anchor landed: its page among the flowed pages, and its y there. */
export type AnchorAt = (anchor: string) => { page: number; y: number };

/** A contents entry with where its heading landed, and the outline entries under it. */
type Listed = TocEntry & { y: number; children?: OutlineEntry[] };

/**
 * The contents entries before the flow: every article's title and its sections, page
 * numbers unknown.
 */
export function unplacedEntries(issue: Issue, sections: SectionMark[][]): TocEntry[] {
  return issue.articles.flatMap((a, k) => [
    { title: a.meta.title, level: 1, page: null, target: 0 },
    ...sections[k].map((s) => ({ title: s.title, level: s.level, page: null, target: 0 })),
  ]);
}

/**
 * The contents entries with their pages, and the outline, once the articles are flowed:
 * `at` says where each anchor landed, `offset` is the number of cover pages before the flow.
 */
export function placedEntries(
  issue: Issue,
  sections: SectionMark[][],
  at: AnchorAt,
  offset: number,
): { entries: TocEntry[]; outline: OutlineEntry[] } {
  const entry = (title: string, level: number, anchor: string): Listed => {
    const index = at(anchor).page + offset;
    return { title, level, page: index + 1, target: index, y: at(anchor).y };
  };
  // The outline nests as the headings do: ### under the ## before it, ## under the title.
  const outline: OutlineEntry[] = [];
  const entries: TocEntry[] = [];
  issue.articles.forEach((a, k) => {
    const title = entry(a.meta.title, 1, `article-${k}`);
    const parents: OutlineEntry[][] = [outline, (title.children = [])];
    entries.push(title);
    outline.push(outlineOf(title));
    for (const s of sections[k]) {
      const e = entry(s.title, s.level, s.anchor);
      e.children = [];
      entries.push(e);
      parents[Math.min(s.level - 1, parents.length - 1)].push(outlineOf(e));
      parents[s.level] = e.children;
      parents.length = s.level + 1;
    }
  });
  return { entries, outline: pruned(outline) };
}

/** An outline entry, holding the same list of children as its contents entry (filled in later). */
function outlineOf(e: Listed): OutlineEntry {
  return { title: e.title, page: e.target, y: e.y, children: e.children };
}

/** The outline without empty lists of children. */
function pruned(entries: OutlineEntry[]): OutlineEntry[] {
  return entries.map(({ children, ...e }) => (children?.length ? { ...e, children: pruned(children) } : e));
}
