// Back issues as the archive keeps them: sibling folders of this one (issues/2023-05 beside
// issues/2023-06). Only folders named in the same pattern count (digits aside), so test
// fixtures or an odd folder next to an issue are never taken for back issues. Here, below
// the pipeline, because both the checks and a build's input stamp need the list.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const shape = (name: string) => name.replace(/\d+/g, '#');
const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/** Up to `limit` issue folders before `dir` in its parent, oldest first. */
export function previousIssues(dir: string, limit: number): string[] {
  const abs = resolve(dir);
  const name = basename(abs);
  // A name with no digits (nor '#', the shape a digit run is written as) has no numbered
  // siblings: only itself has its shape, so the parent (perhaps /tmp, thousands of entries)
  // need not be listed.
  if (!/[\d#]/.test(name)) return [];
  const parent = dirname(abs);
  const own = shape(name);
  let names: string[];
  try {
    names = readdirSync(parent);
  } catch {
    return [];
  }
  const same = names.filter((n) => n !== name && shape(n) === own && byName(n, name) < 0).sort(byName);
  const out: string[] = [];
  for (let k = same.length - 1; k >= 0 && out.length < limit; k--) {
    const d = join(parent, same[k]);
    if (existsSync(join(d, 'issue.yaml')) && existsSync(join(d, 'articles'))) out.unshift(d);
  }
  return out;
}
