// Font roles → files (fonts/fonts.yaml), opened lazily and once, with the files checked
// against their recorded sha256 (cached by size and mtime, so a build does not rehash
// 40 MB of fonts every time).
import { t, type Text } from '../core/text.js';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { isMap, isScalar, type Node } from 'yaml';
import { Face, type FaceMetrics } from '../text/face.js';
import { findFamily } from './discover.js';
import { SparseFont } from './sparse.js';
import { diagnostic, InputError, type Diagnostic, type Diagnostics, type SourcePos } from '../source/diagnostics.js';
import { nodePos, parseYaml } from '../source/fields.js';
import { fileProblem, isProblem, readText } from '../source/read.js';

/** Bumped when what a face records changes meaning: older caches are then not read. */
const METRICS_FORMAT = 'v3';

export interface FontEntry {
  role: string;
  /** The font file (relative to the project root), or… */
  file?: string;
  sha256?: string;
  /** …family names looked for in fonts/local/ and the system's fonts, first found wins. */
  family?: string[];
  /** The role to set this one's text in when no family is installed (a free face for a licensed one). */
  else?: string;
}

/** How a role was found: its file, a family installed, another role standing in, or nothing. */
export type Resolution =
  | { kind: 'file'; path: string }
  | { kind: 'family'; path: string; family: string; where: 'local' | 'system' }
  | { kind: 'substitute'; role: string; wanted: string[] }
  | { kind: 'missing'; why: Text };

/**
 * Fonts stay open for the life of the process (a preview server rebuilds on every save):
 * reopened only when the file changes.
 */
/** The manifest as last read (entries are never changed once read, so registries share them). */
let lastManifest:
  | { name: string; text: string; entries: Map<string, FontEntry>; places: Map<string, SourcePos>; said: Diagnostic[] }
  | undefined;

const opened = new Map<string, { size: number; mtimeMs: number; sparse: SparseFont; face: Face; metricsKey: string }>();

export class FontRegistry {
  private readonly faces = new Map<string, Face>();
  private readonly sparse = new Map<string, SparseFont>();
  private readonly metricsKeys = new Map<string, string>();
  private hashCache: Record<string, string> | undefined;

  constructor(
    readonly root: string,
    readonly entries: Map<string, FontEntry>,
    private readonly diags: Diagnostics,
    private readonly manifestFile: string,
  ) {}

  static load(root: string, diags: Diagnostics): FontRegistry {
    const manifest = join(root, 'fonts', 'fonts.yaml');
    const shown = relative(process.cwd(), manifest);
    const name = shown && !shown.startsWith('..') ? shown : manifest;
    const entries = new Map<string, FontEntry>();
    const registry = new FontRegistry(root, entries, diags, name);
    const read = readText(manifest, name);
    if (isProblem(read)) {
      diags.error(read.code, { file: name, line: read.line, col: read.col }, read.code === 'file-missing' ? t('font-manifest.missing') : read.message, read.code === 'file-missing' ? t('font-manifest.missing.fix') : read.fix);
      return registry;
    }
    // The manifest read last in the process, when its text is the same (the preview's rebuilds):
    // its roles, their places and what reading it said, without parsing it again.
    if (lastManifest && lastManifest.name === name && lastManifest.text === read.text) {
      for (const [role, e] of lastManifest.entries) entries.set(role, e);
      for (const [role, at] of lastManifest.places) registry.places.set(role, at);
      diags.list.push(...lastManifest.said);
      return registry;
    }
    const before = diags.list.length;
    registry.readManifest(read.text, name, diags);
    lastManifest = { name, text: read.text, entries, places: registry.places, said: diags.list.slice(before) };
    return registry;
  }

  private readManifest(text: string, name: string, diags: Diagnostics): void {
    const { entries, places } = this;
    const parsed = parseYaml(text, name, diags);
    if (!parsed) return;
    const roles = isMap(parsed.doc.contents) ? parsed.doc.contents.get('roles', true) : undefined;
    if (!isMap(roles)) {
      diags.error('font-manifest', nodePos(parsed, roles ?? parsed.doc.contents), t('font-manifest'), t('font-manifest.fix'));
      return;
    }
    for (const item of roles.items) {
      const role = String((item.key as { value?: unknown })?.value ?? item.key);
      const e = (item.value as Node | null)?.toJSON?.() as { file?: unknown; sha256?: unknown; family?: unknown; else?: unknown } | null;
      const at = nodePos(parsed, item.key as Node);
      const family = e && typeof e === 'object' && e.family != null ? (Array.isArray(e.family) ? e.family : [e.family]).map(String) : undefined;
      const file = e && typeof e === 'object' && typeof e.file === 'string' && e.file ? e.file : undefined;
      if (!file && !family?.length) {
        diags.error('font-manifest', at, t('font-manifest.no-file', { role }), t('font-manifest.no-file.fix'));
        continue;
      }
      // A hash is text, as written (one of all digits would read as a number).
      const sha = isMap(item.value) ? item.value.get('sha256', true) : undefined;
      const sha256 = isScalar(sha) && sha.value != null ? String((sha as { source?: string }).source ?? sha.value) : undefined;
      entries.set(role, { role, file, sha256, family, else: typeof e?.else === 'string' ? e.else : undefined });
      places.set(role, at);
    }
  }

  /** Where each role is written in the manifest, for messages. */
  private readonly places = new Map<string, SourcePos>();
  private readonly verified = new Map<string, boolean>();

  /**
   * Checks that a role's font file is there and is a font, before the build depends on it:
   * an error at the role's line in the manifest, and false, if it is not.
   */
  verify(role: string): boolean {
    const known = this.verified.get(role);
    if (known !== undefined) return known;
    const r = this.resolve(role);
    // a stand-in is checked as itself; a role found nowhere is the caller's to report
    if (r.kind === 'substitute') return this.verify(r.role);
    if (r.kind === 'missing' && !this.entries.get(role)?.file) return false;
    const path = this.path(role);
    const at = this.places.get(role) ?? { file: this.manifestFile, line: 0, col: 0 };
    const file = this.entries.get(role)!.file ?? path;
    let problem = fileProblem(path);
    if (!problem) {
      try {
        const fd = openSync(path, 'r');
        const head = Buffer.alloc(4);
        try {
          readSync(fd, head, 0, 4, 0);
        } finally {
          closeSync(fd);
        }
        const tag = head.toString('latin1');
        if (head.readUInt32BE(0) !== 0x00010000 && tag !== 'true' && tag !== 'OTTO' && tag !== 'ttcf') {
          problem = { code: 'font-not-font', message: t('font-not-font'), fix: t('font-not-font.fix'), line: 0, col: 0 };
        }
      } catch (e) {
        problem = { code: 'file-unreadable', message: t('file-unreadable.font', { detail: (e as NodeJS.ErrnoException).code ?? (e as Error).message }), fix: t('file-unreadable.font.fix'), line: 0, col: 0 };
      }
    }
    if (problem) {
      const missing = problem.code === 'file-missing';
      this.diags.error(
        missing ? 'font-missing' : problem.code,
        at,
        missing ? t('font-missing.role', { role, file }) : t('font-file', { role, file, problem: problem.message }),
        missing ? t(file.startsWith('node_modules/') ? 'font-missing.fix.npm' : 'font-missing.fix.copy') : problem.fix,
      );
    }
    this.verified.set(role, !problem);
    return !problem;
  }

  private readonly resolved = new Map<string, Resolution>();

  /** Whether fonts/fonts.yaml names the role (installed or not). */
  defines(role: string): boolean {
    return this.entries.has(role);
  }

  /** Whether the role can be set: its file is there, a family of it is installed, or a stand-in is. */
  has(role: string): boolean {
    return this.resolve(role).kind !== 'missing';
  }

  /** Named in the manifest and found: an optional role (kai …) is used only then. */
  installed(role: string): boolean {
    return this.has(role);
  }

  /** How the role is found (looked up once). */
  resolve(role: string, seen: string[] = []): Resolution {
    const known = this.resolved.get(role);
    if (known) return known;
    const e = this.entries.get(role);
    let r: Resolution;
    if (!e) r = { kind: 'missing', why: t('font-why.unnamed') };
    else if (e.file) {
      const path = isAbsolute(e.file) ? e.file : join(this.root, e.file);
      r = existsSync(path) ? { kind: 'file', path } : { kind: 'missing', why: t('font-why.no-file', { file: e.file }) };
    } else {
      const found = e.family?.length ? findFamily(e.family, join(this.root, 'fonts', 'local'), true, join(this.root, 'node_modules', '.cache', 'bulletin', 'system-fonts.json')) : undefined;
      if (found) r = { kind: 'family', path: found.file, family: found.families[0], where: found.where };
      else if (e.else && !seen.includes(e.else) && e.else !== role && this.resolve(e.else, [...seen, role]).kind !== 'missing') {
        r = { kind: 'substitute', role: this.canonical(e.else), wanted: e.family ?? [] };
      } else r = { kind: 'missing', why: e.family?.length ? t('font-why.not-installed', { families: e.family.join(', ') }) : t('font-why.nothing') };
    }
    this.resolved.set(role, r);
    return r;
  }

  /** The role whose font actually sets a role's text (itself, or the one standing in for it). */
  canonical(role: string): string {
    const r = this.resolve(role);
    return r.kind === 'substitute' ? r.role : role;
  }

  path(role: string): string {
    const r = this.resolve(role);
    if (r.kind === 'file' || r.kind === 'family') return r.path;
    if (r.kind === 'substitute') return this.path(r.role);
    const e = this.entries.get(role);
    if (e?.file) return isAbsolute(e.file) ? e.file : join(this.root, e.file);
    throw new Error(`font role "${role}": ${String(r.why)}`);
  }

  /** The font files this registry has opened: inputs of the build that used it. */
  openedFiles(): string[] {
    return [...new Set([...this.faces.values()].map((f) => f.file))].sort();
  }

  face(role: string): Face {
    let f = this.faces.get(role);
    if (f) return f;
    // A role set in another's font shares that role's face: one font embedded, not two.
    const stand = this.canonical(role);
    if (stand !== role) {
      f = this.face(stand);
      this.faces.set(role, f);
      return f;
    }
    const path = this.path(role);
    const at: SourcePos = this.places.get(role) ?? { file: this.manifestFile, line: 0, col: 0 };
    if (!existsSync(path)) {
      throw new InputError([diagnostic('error', 'font-missing', at, t('font-missing.file', { role, path }), t('font-missing.file.fix'))]);
    }
    const st = statSync(path);
    const key = `${role}|${path}`;
    const kept = opened.get(key);
    if (kept && kept.size === st.size && kept.mtimeMs === st.mtimeMs) {
      this.metricsKeys.set(path, kept.metricsKey);
      this.sparse.set(role, kept.sparse);
      this.faces.set(role, kept.face);
      return kept.face;
    }
    const sparse = new SparseFont(path);
    const want = this.entries.get(role)?.sha256;
    // What a face learns is kept under the font's content hash when the file is the one the
    // manifest names (the same font installed anywhere shares it), else under its path and date.
    let cacheKey = createHash('sha256').update(`${path}|${st.size}|${st.mtimeMs}`).digest('hex');
    if (want) {
      const got = this.hash(path);
      if (got !== want) {
        this.diags.warn('font-changed', at, t('font-changed', { role, path }), t('font-changed.fix'));
      } else cacheKey = want;
    }
    this.metricsKeys.set(path, cacheKey.slice(0, 16));
    f = new Face(role, path, sparse.data, this.readMetrics(path));
    this.sparse.set(role, sparse);
    this.faces.set(role, f);
    opened.set(key, { size: st.size, mtimeMs: st.mtimeMs, sparse, face: f, metricsKey: this.metricsKeys.get(path)! });
    return f;
  }

  private metricsFile(path: string): string {
    return join(this.root, 'node_modules', '.cache', 'bulletin', `metrics-${METRICS_FORMAT}-${this.metricsKeys.get(path)}.json`);
  }

  private readMetrics(path: string): FaceMetrics | undefined {
    try {
      const m = JSON.parse(readFileSync(this.metricsFile(path), 'utf8')) as FaceMetrics;
      return m && m.unitsPerEm ? m : undefined;
    } catch {
      return undefined;
    }
  }

  /** Keeps what the faces learnt for the next build (a cache: losing it costs only time). */
  saveMetrics(): void {
    for (const f of this.faces.values()) {
      const pruned = f.compact();
      if (!f.dirty && !pruned) continue;
      const file = this.metricsFile(f.file);
      try {
        mkdirSync(dirname(file), { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, JSON.stringify(f.metrics));
        renameSync(tmp, file);
        f.dirty = false;
      } catch {
        // read-only install: the next build just parses the font again
      }
    }
  }

  /** The sha256 of a role's font file (cached by size and date): for build manifests. */
  sha256(role: string): string {
    return this.hash(this.path(role));
  }

  /** Reads the outlines of the glyphs a document uses, before the PDF subsets them. */
  loadGlyphs(role: string, ids: Iterable<number>): void {
    this.sparseOf(role)?.loadGlyphs(ids);
  }

  /** Where the outlines `loadGlyphs` read are had (a role's font data holds none of them). */
  outlines(role: string): ((id: number) => Buffer | undefined) | undefined {
    const sparse = this.sparseOf(role);
    return sparse && ((id) => sparse.outline(id));
  }

  /** A role's font file as read (a role set in another's font: that one's). */
  private sparseOf(role: string): SparseFont | undefined {
    return this.sparse.get(role) ?? this.sparse.get(this.canonical(role));
  }

  private hash(path: string): string {
    const st = statSync(path);
    const key = `${path}|${st.size}|${st.mtimeMs}`;
    const cacheFile = join(this.root, 'node_modules', '.cache', 'bulletin', 'font-hashes.json');
    if (!this.hashCache) {
      try {
        this.hashCache = JSON.parse(readFileSync(cacheFile, 'utf8')) as Record<string, string>;
      } catch {
        this.hashCache = {};
      }
    }
    const cached = this.hashCache[key];
    if (cached) return cached;
    const sum = createHash('sha256').update(readFileSync(path)).digest('hex');
    this.hashCache[key] = sum;
    // Forget files that are gone (temporary installs), so the cache does not grow forever.
    for (const k of Object.keys(this.hashCache)) if (!existsSync(k.split('|')[0])) delete this.hashCache[k];
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(this.hashCache));
    } catch {
      // A read-only install only loses the cache, not the check.
    }
    return sum;
  }
}
