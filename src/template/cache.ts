// Templates as last read, shared by the build's layout and its checks (each read the template
// for itself before, parsing its YAML twice in every build), and kept on disk between runs of
// the command: reading the default template — some 250 lines of YAML, checked against every
// declared option — was the largest single step of a small issue's build after composing.
//
// In memory: by root, name and where the name was given, while no template.yaml under
// templates/ changed (templatesStamp: every file's size and date), so the preview reads a
// template once and says its diagnostics again each build. Templates are not changed after
// loading.
//
// On disk (node_modules/.cache/bulletin/templates/): only a template read without a single
// diagnostic, only when the program runs from its bundle (whose content hash, given by
// bin/bundle-loader.js, names the code that read the template: another build of the tool
// never meets this one's entries), and only when the template comes back from JSON exactly
// as it was. The entry's name is a hash of that code, the root, the name and the stamp.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { Diagnostics, type Diagnostic, type SourcePos } from '../source/diagnostics.js';
import { loadTemplate, templatesStamp } from './load.js';
import type { Template } from './model.js';

export interface ReadTemplate {
  template: Template | null;
  /** What reading it said (warnings of unknown keys, errors), told again at each build. */
  diagnostics: Diagnostic[];
  /** templatesStamp when read. */
  stamp: string;
}

const kept = new Map<string, ReadTemplate>();

/** The content hash of the running bundle (set by bin/bundle-loader.js), or none. */
function bundleId(): string | undefined {
  const id = (globalThis as Record<symbol, unknown>)[Symbol.for('bulletin.bundle')];
  return typeof id === 'string' ? id : undefined;
}

/** The template `name` of the project at `root`, read once while its files stand. */
export function readTemplate(root: string, name: string, at?: SourcePos): ReadTemplate {
  const stamp = templatesStamp(root);
  const key = `${root}|${name}|${at ? `${at.file}:${at.line}:${at.col}` : ''}`;
  const hit = kept.get(key);
  if (hit && hit.stamp === stamp) return hit;
  const entry = fromDisk(root, name, stamp) ?? fresh(root, name, stamp, at);
  kept.delete(key);
  kept.set(key, entry);
  for (const k of kept.keys()) if (kept.size > 8) kept.delete(k);
  return entry;
}

function fresh(root: string, name: string, stamp: string, at?: SourcePos): ReadTemplate {
  const d = new Diagnostics();
  const entry = { template: loadTemplate(root, name, d, at), diagnostics: d.list, stamp };
  if (entry.template && !entry.diagnostics.length) toDisk(root, name, stamp, entry.template);
  return entry;
}

function diskFile(root: string, name: string, stamp: string): string | undefined {
  const code = bundleId();
  if (!code) return undefined;
  const key = createHash('sha1').update(`${code}\n${root}\n${name}\n${stamp}`).digest('hex').slice(0, 24);
  return join(root, 'node_modules', '.cache', 'bulletin', 'templates', `${key}.json`);
}

function fromDisk(root: string, name: string, stamp: string): ReadTemplate | undefined {
  const file = diskFile(root, name, stamp);
  if (!file) return undefined;
  try {
    return { template: JSON.parse(readFileSync(file, 'utf8')) as Template, diagnostics: [], stamp };
  } catch {
    return undefined; // none yet (or unreadable: read the template)
  }
}

function toDisk(root: string, name: string, stamp: string, template: Template): void {
  const file = diskFile(root, name, stamp);
  if (!file) return;
  const text = JSON.stringify(template);
  // (a value JSON cannot carry — an infinite number, say — and the template is read each time)
  if (!isDeepStrictEqual(JSON.parse(text), template)) return;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    // a folder we may not write to: the template is read each time
  }
}
