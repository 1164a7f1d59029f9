// Which file a request may read. The preview serves its own assets (the page, pdf.js) from
// a few folders and nothing else; every request path is checked here before any file is
// opened, so that no spelling of "up one folder" and no link reaches outside those folders.
import { realpathSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, sep } from 'node:path';

export type Resolved = { ok: true; file: string } | { ok: false; status: 400 | 403 | 404 };

const refuse = (status: 400 | 403 | 404): Resolved => ({ ok: false, status });

/**
 * The file under `root` named by `rest`, a URL path as it came over the wire (still
 * percent-encoded, no query). Refused: `..` and `.` segments in any encoding, empty
 * segments (`//etc`), absolute and drive paths, backslashes, NUL, hidden files, and any
 * path whose real location (links followed) is not inside root.
 */
export function resolveUnder(root: string, rest: string): Resolved {
  let path: string;
  try {
    // Decoded once: %2e%2e is "..", and %252e%252e stays the harmless name "%2e%2e".
    path = decodeURIComponent(rest);
  } catch {
    return refuse(400);
  }
  if (path.includes('\0') || path.includes('\\')) return refuse(403);
  const segments = path.replace(/^\//, '').split('/');
  for (const s of segments) {
    if (s === '' || s.startsWith('.') || /^[a-zA-Z]:/.test(s)) return refuse(403);
  }
  const file = join(root, ...segments);
  const rel = relative(root, file);
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return refuse(403);
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync(file);
    realRoot = realpathSync(root);
  } catch {
    return refuse(404);
  }
  if (!real.startsWith(realRoot + sep)) return refuse(403);
  try {
    if (!statSync(real).isFile()) return refuse(404);
  } catch {
    return refuse(404);
  }
  return { ok: true, file: real };
}

/** The path part of a request's target, undecoded: `/a/b?x` → `/a/b`. */
export function requestPath(url: string | undefined): string {
  const u = url ?? '/';
  const q = u.search(/[?#]/);
  return q < 0 ? u : u.slice(0, q);
}
