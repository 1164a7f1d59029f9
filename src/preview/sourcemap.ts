// Which page a diagnostic is about: the page where the block written at (or just before)
// its line begins, found from where the build's flow placed each block. A build that
// failed placed nothing, so the last good build's map answers (the editor's lines have
// moved little since).
import { resolve } from 'node:path';
import type { SourceMark } from '../pipeline/layout.js';
import type { SourcePos } from '../source/diagnostics.js';

export class SourceMap {
  /** Blocks per file (absolute path), in source order. */
  private readonly byFile = new Map<string, SourceMark[]>();
  private readonly cwd: string;
  private readonly issueYaml: string;

  constructor(marks: SourceMark[], issueDir: string, cwd = process.cwd()) {
    this.cwd = cwd;
    this.issueYaml = resolve(cwd, issueDir, 'issue.yaml');
    for (const m of marks) {
      const file = resolve(cwd, m.pos.file);
      let list = this.byFile.get(file);
      if (!list) this.byFile.set(file, (list = []));
      list.push(m);
    }
    for (const list of this.byFile.values()) list.sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col);
  }

  /**
   * The page (index in the document) a position is on: the start page of the last block
   * written at or before it in its file; the article's first page for a place before its
   * first block or for the file as a whole (line 0); the cover for issue.yaml. Else none.
   */
  pageOf(pos: SourcePos): number | undefined {
    const file = resolve(this.cwd, pos.file);
    const list = this.byFile.get(file);
    if (!list) return file === this.issueYaml && this.byFile.size > 0 ? 0 : undefined;
    if (pos.line <= 0) return list[0].page;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const p = list[mid].pos;
      if (p.line < pos.line || (p.line === pos.line && p.col <= pos.col)) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return list[Math.max(found, 0)].page;
  }
}
