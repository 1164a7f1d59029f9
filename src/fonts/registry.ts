// Font roles → files (fonts/fonts.yaml), opened lazily and once, with the files checked
// against their recorded sha256 (cached by size and mtime, so a build does not rehash
// 40 MB of fonts every time).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parse } from 'yaml';
import { Face, type FaceMetrics } from '../text/face.js';
import { SparseFont } from './sparse.js';
import type { Diagnostics, SourcePos } from '../source/diagnostics.js';

/** Bumped when what a face records changes meaning: older caches are then not read. */
const METRICS_FORMAT = 'v2';

export interface FontEntry {
  role: string;
  file: string;
  sha256?: string;
}

/**
 * Fonts stay open for the life of the process (a preview server rebuilds on every save):
 * reopened only when the file changes.
 */
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
    const doc = parse(readFileSync(manifest, 'utf8')) as { roles?: Record<string, { file: string; sha256?: string }> };
    const entries = new Map<string, FontEntry>();
    for (const [role, e] of Object.entries(doc?.roles ?? {})) entries.set(role, { role, file: e.file, sha256: e.sha256 });
    return new FontRegistry(root, entries, diags, manifest);
  }

  has(role: string): boolean {
    return this.entries.has(role);
  }

  path(role: string): string {
    const e = this.entries.get(role);
    if (!e) throw new Error(`unknown font role ${role}`);
    return isAbsolute(e.file) ? e.file : join(this.root, e.file);
  }

  face(role: string): Face {
    let f = this.faces.get(role);
    if (f) return f;
    const path = this.path(role);
    const at: SourcePos = { file: this.manifestFile, line: 0, col: 0 };
    if (!existsSync(path)) {
      throw new Error(`font file for role "${role}" not found: ${path} (run npm ci, or fix fonts/fonts.yaml)`);
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
        this.diags.warn('font-changed', at, `font "${role}" (${path}) differs from the manifest's sha256; output will not match earlier builds`, 'update the sha256 in fonts/fonts.yaml if the change is intended');
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
    this.sparse.get(role)?.loadGlyphs(ids);
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
