// The one rule for where an article's front matter is: a first line of --- and the next
// line of --- or ... (YAML's document end). The loader and the checker both split here, so
// a line number means the same in the build's diagnostics and in the checker's findings.

export type FrontMatter =
  /** The file does not start with ---. */
  | { kind: 'none' }
  /** --- is never closed. */
  | { kind: 'open' }
  /** 0-based index of the closing line; the YAML is lines 1 .. close-1, the body starts at close+1. */
  | { kind: 'closed'; close: number };

export function frontMatter(lines: readonly string[]): FrontMatter {
  if (lines[0]?.trim() !== '---') return { kind: 'none' };
  for (let i = 1; i < lines.length; i++) {
    const l = lines[i].trim();
    if (l === '---' || l === '...') return { kind: 'closed', close: i };
  }
  return { kind: 'open' };
}
