// A preview session: the issue folder watched, rebuilt on every save, and the state the
// page shows — the last good PDF, its page fingerprints, and the diagnostics of the latest
// build, each with the page it is about.
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join, relative, resolve } from 'node:path';
import { ROOT } from '../index.js';
import type { Severity } from '../source/diagnostics.js';
import { collectYoung } from './idle-gc.js';
import { rebuild, type Outcome } from './rebuild.js';
import { RebuildScheduler, type RunInfo } from './scheduler.js';
import { SourceMap } from './sourcemap.js';
import { FileWatcher, type WatchTarget } from './watch.js';

/** Quiet time after a save before the rebuild starts: an atomic save's events come within a
 *  millisecond or two, a "save all" within a few; 50 ms gathers them and is not felt. */
export const DEBOUNCE_MS = 50;

/** Diagnostics listed on the page at most. */
export const MAX_LISTED = 500;

export interface SessionOptions {
  issueDir: string;
  root?: string;
  /** The 样稿 watermark on the pages (default on). */
  watermark?: boolean;
  delay?: number;
}

export interface PreviewDiagnostic {
  /** As the editor knows it: relative to the issue folder when inside it. */
  file: string;
  line: number;
  col: number;
  severity: Severity;
  code: string;
  message: string;
  fix?: string;
  /** Page index (0-based) the diagnostic is about, where one can be told. */
  page?: number;
}

export interface PreviewState {
  /** The folder's name (2023-06). */
  issue: string;
  /** Differs between runs of the server: versions count from 1 again after a restart. */
  instance: string;
  /** Bumped by every build published. */
  version: number;
  /** The latest build succeeded; else its errors are in diagnostics and the pages are older. */
  ok: boolean;
  /** The build that made the PDF shown (0: no good build yet). */
  pdfVersion: number;
  /** Fingerprint per page of that PDF. */
  pages: string[];
  diagnostics: PreviewDiagnostic[];
  /** Diagnostics left out of the list (beyond MAX_LISTED); counted in errors and warnings. */
  omitted: number;
  errors: number;
  warnings: number;
  /** How long the latest build took, ms. */
  ms: number;
  /** Files whose save started it (as shown in diagnostics). */
  changed: string[];
  watermark: boolean;
}

export class PreviewSession extends EventEmitter<{ state: [PreviewState]; building: []; log: [string] }> {
  readonly issueDir: string;
  readonly root: string;
  private readonly watermark: boolean;
  private readonly scheduler: RebuildScheduler<Outcome>;
  private readonly watcher: FileWatcher;
  private map: SourceMap | null = null;
  pdf: Buffer | null = null;
  state: PreviewState;

  constructor(o: SessionOptions) {
    super();
    this.issueDir = resolve(o.issueDir);
    this.root = o.root ?? ROOT;
    this.watermark = o.watermark ?? true;
    this.state = {
      issue: this.issueDir.split(/[\\/]/).pop() ?? 'issue',
      instance: randomUUID().slice(0, 8),
      version: 0,
      ok: false,
      pdfVersion: 0,
      pages: [],
      diagnostics: [],
      omitted: 0,
      errors: 0,
      warnings: 0,
      ms: 0,
      changed: [],
      watermark: this.watermark,
    };
    this.scheduler = new RebuildScheduler<Outcome>({
      delay: o.delay ?? DEBOUNCE_MS,
      run: () => rebuild(this.issueDir, { root: this.root, draft: this.watermark }),
      publish: (outcome, info) => this.publish(outcome, info),
      starting: () => this.emit('building'),
      failed: (e) => this.emit('log', `internal error: ${(e as Error).stack ?? String(e)}`),
      // the young generation collected in the debounce, not in the middle of the build (idle-gc.ts)
      tidy: collectYoung,
    });
    const targets: WatchTarget[] = [
      { dir: this.issueDir, recursive: true },
      { dir: join(this.root, 'templates'), recursive: true },
      { dir: join(this.root, 'fonts'), recursive: false, accept: (n) => n === 'fonts.yaml' },
    ];
    this.watcher = new FileWatcher(targets, (file) => this.scheduler.changed(file));
  }

  /** Folders being watched. */
  get folders(): string[] {
    return this.watcher.folders;
  }

  get stats(): { builds: number; published: number; superseded: number } {
    return this.scheduler.stats;
  }

  /** Starts watching and builds once; resolves when that first build is published. */
  async start(): Promise<void> {
    this.watcher.start();
    this.scheduler.buildNow();
    await this.scheduler.settled();
  }

  /** Resolves once no build is running or due. */
  settled(): Promise<void> {
    return this.scheduler.settled();
  }

  close(): void {
    this.watcher.close();
    this.scheduler.close();
  }

  private shown(file: string): string {
    const abs = resolve(file);
    const rel = relative(this.issueDir, abs);
    return rel && !rel.startsWith('..') && !rel.startsWith('/') ? rel.split('\\').join('/') : file;
  }

  private publish(outcome: Outcome, info: RunInfo): void {
    const s = this.state;
    if (outcome.ok) {
      this.pdf = outcome.pdf;
      this.map = new SourceMap(outcome.sources, this.issueDir);
    } else if (outcome.internal) {
      this.emit('log', `internal error: ${outcome.internal.stack ?? outcome.internal.message}`);
    }
    // Errors first; a flood (an issue pasted together from duplicates) is cut short, so the
    // page stays quick: the counts stay exact, and bulletin check lists them all.
    const all = [
      ...outcome.diagnostics.filter((d) => d.severity === 'error'),
      ...outcome.diagnostics.filter((d) => d.severity !== 'error'),
    ];
    const diagnostics: PreviewDiagnostic[] = all.slice(0, MAX_LISTED).map((d) => ({
      file: this.shown(d.file),
      line: d.line,
      col: d.col,
      severity: d.severity,
      code: d.code,
      message: d.message,
      fix: d.fix,
      page: this.map?.pageOf(d),
    }));
    const version = s.version + 1;
    this.state = {
      ...s,
      version,
      ok: outcome.ok,
      pdfVersion: outcome.ok ? version : s.pdfVersion,
      pages: outcome.ok ? outcome.pages : s.pages,
      diagnostics,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
      omitted: all.length - diagnostics.length,
      ms: Math.round(outcome.ms),
      changed: info.changed.map((f) => this.shown(f)),
    };
    this.lastRun = info;
    this.emit('state', this.state);
  }

  /** Timings of the latest published build (the benchmark reads them). */
  lastRun: RunInfo | null = null;
}
