// Everything a build reads, as one string: when it is the same as at the last build of the
// same issue in this process, the last result is the answer. The issue's own files count by
// their content (hashed again only when their stat changed); templates, the font manifest and
// files, the back issues the checks compare with, and large pictures count by size, dates
// and inode, which a save always changes.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { previousIssues } from '../source/siblings.js';

/** Issue files up to this size are hashed; larger ones (pictures) are known by their stat. */
const HASHED = 1024 * 1024;

const stat = (st: Stats) => `${st.size}:${st.mtimeMs}:${st.ctimeMs}:${st.ino}`;
const byStat = (_path: string, st: Stats) => stat(st);

/**
 * Every file below `dir` (dot-files left out, as the watcher leaves them), each by `each`.
 * Links are followed, each folder walked once (a link to a folder above would loop).
 */
function walk(dir: string, each: (path: string, st: Stats) => string, out: string[], seen = new Set<string>()): void {
  let names: string[];
  try {
    const real = realpathSync(dir);
    if (seen.has(real)) {
      out.push(`${dir}:again`);
      return;
    }
    seen.add(real);
    names = readdirSync(dir).sort();
  } catch {
    out.push(`${dir}:-`);
    return;
  }
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const p = join(dir, n);
    let st: Stats;
    try {
      st = statSync(p);
    } catch {
      out.push(`${p}:gone`);
      continue;
    }
    if (st.isDirectory()) walk(p, each, out, seen);
    else out.push(`${p}:${each(p, st)}`);
  }
}

/**
 * Hashes of the issue's files by their stat: a file whose size, dates and inode are as at
 * the last stamp is not read again (any write changes its modification and change times).
 */
const hashes = new Map<string, { stat: string; hash: string }>();

const byContent = (path: string, st: Stats): string => {
  // (a FIFO or device would block a read, or never end: the loader refuses those by their stat)
  if (!st.isFile() || st.size > HASHED) return `${st.mode}:${stat(st)}`;
  const now = stat(st);
  const kept = hashes.get(path);
  if (kept && kept.stat === now) return kept.hash;
  let hash: string;
  try {
    hash = createHash('sha1').update(readFileSync(path)).digest('base64');
  } catch {
    return 'unreadable';
  }
  hashes.set(path, { stat: now, hash });
  return hash;
};

/** The stamp of the font files a build used (found by the registry, wherever they are). */
export function fontStamp(fontFiles: readonly string[]): string {
  return fontFiles
    .map((f) => {
      try {
        return `${f}:${stat(statSync(f))}`;
      } catch {
        return `${f}:gone`;
      }
    })
    .join('\n');
}

/** The stamp of a build's inputs but the font files (which only the build finds). */
export function inputStamp(issueDir: string, root: string, options: string): string {
  const parts: string[] = [options, process.cwd()];
  walk(issueDir, byContent, parts);
  walk(join(root, 'templates'), byStat, parts);
  parts.push('fonts');
  try {
    parts.push(stat(statSync(join(root, 'fonts', 'fonts.yaml'))));
  } catch {
    parts.push('-');
  }
  walk(join(root, 'fonts', 'local'), byStat, parts);
  parts.push('archive');
  for (const back of previousIssues(issueDir, 12)) walk(back, byStat, parts);
  return createHash('sha1').update(parts.join('\n')).digest('base64');
}
