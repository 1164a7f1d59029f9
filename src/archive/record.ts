// Writing an issue's build manifest: on `bulletin build --record`, or when the issue has
// none yet — an ordinary build never changes a published record.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeAtomically } from '../index.js';
import { makeManifest, manifestText, MANIFEST, type Built } from './manifest.js';

export type Recorded = 'written' | 'unchanged' | 'kept';

/**
 * Writes `build.json` beside issue.yaml when asked or when there is none: 'written',
 * 'unchanged' (asked, and the record was already this build's), or 'kept' (not asked, and
 * a record exists: left as it is).
 */
export function recordBuild(dir: string, built: Built, root: string, version: string, force: boolean): Recorded {
  const file = join(dir, MANIFEST);
  if (existsSync(file) && !force) return 'kept';
  const text = manifestText(makeManifest(built, root, version));
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return 'unchanged';
  writeAtomically(file, Buffer.from(text));
  return 'written';
}
