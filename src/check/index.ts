// `bulletin check`: what a careful proofreader catches before the print run, each finding
// with file:line:col, a severity and a suggested fix. The same checks run in every build
// (as warnings, see src/index.ts).
import { existsSync, readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { FontRegistry } from '../fonts/registry.js';
import { Diagnostics, type Diagnostic, type SourcePos } from '../source/diagnostics.js';
import { loadIssue } from '../source/load.js';
import { loadTemplate, templatesStamp, withInstalledFonts } from '../template/load.js';
import { frameOf, type Template } from '../template/model.js';
import { imageLimits } from '../source/image.js';
import type { Face } from '../text/face.js';
import { articleFiles, previousIssues, readArchived, readInfo } from './archive.js';
import { checkConsistency } from './consistency.js';
import { checkDuplicates, DuplicateState } from './duplicates.js';
import { planFixes, writeFixes, type FileFix, type FixFailure } from './fix.js';
import { checkGlyphs } from './glyphs.js';
import { compareFindings, FindingSink, type Finding } from './model.js';
import { checkNumbers } from './numbers.js';
import { parseDoc, parsedSources, readDoc, shown, sourceDoc, type SourceDoc } from './prose.js';
import type { ArticleSource, Issue } from '../source/model.js';
import { decodeText, fileProblem, isProblem } from '../source/read.js';
import { checkPunctuation } from './punctuation.js';
import { count } from './report.js';
import { checkStructure } from './structure.js';
import { tocMeasure, type ContentsMeasurer } from './toc.js';

export type { Finding, Edit } from './model.js';
export type { FileFix, FixFailure } from './fix.js';
export { formatHuman, formatJson, COLOUR, PLAIN } from './report.js';

export interface CheckOptions {
  /** Project root holding templates/ and fonts/. */
  root: string;
  /** How many previous issues to compare with (0: none). Default 12. */
  archive?: number;
  /** The build's own diagnostics (issue.yaml, front matter, Markdown, template). Default true. */
  schema?: boolean;
  /** Characters no font can print. Default true. */
  glyphs?: boolean;
  /**
   * Checks that need the template and fonts (glyphs, titles in the contents). Default true.
   * A build leaves them off: its layout reports missing characters itself and sets the
   * contents for all to see, and loading the template a second time would cost it more
   * than every other check together.
   */
  template?: boolean;
  /** Fonts already open (a build's); otherwise opened from the root's manifest. */
  fonts?: FontRegistry;
  /**
   * How a title sets in the contents (furnish/contents-measure.ts), handed in by the caller
   * since check imports no layout stage; without it titles are not measured.
   */
  contentsMeasurer?: ContentsMeasurer;
  /** The template to check against, over issue.yaml's `template:`. */
  templateName?: string;
  /** The issue as a build loaded it: its articles are checked from that parse, not read again. */
  issue?: Issue;
  /**
   * What an earlier check of the same issue learnt (the preview checks on every save): the
   * articles as read, per-article findings, the duplicate indexes. The findings are the
   * same as a check from nothing.
   */
  memory?: CheckMemory;
}

/**
 * Kept between checks of one issue in one process. Everything in it is known by content:
 * an article is reread from disk every time and its document reused only when the bytes
 * (and the name it is shown by) are the same; findings that depend on one article alone
 * are kept per document; the duplicate indexes are updated by the articles that changed.
 */
export class CheckMemory {
  private docs: Seen = new Map();
  private readonly punctuation = new WeakMap<SourceDoc, Finding[]>();
  readonly duplicates = new DuplicateState();

  /**
   * The article at `path`, made into a document only when its text changed: from the
   * build's parse when there is one (`parsed`), else read from disk. Throws when unreadable.
   */
  read(path: string, seen: Seen, parsed?: ArticleSource): SourceDoc {
    const file = shown(path);
    const kept = this.docs.get(path);
    let key: Buffer | string;
    let doc: SourceDoc;
    if (parsed) {
      key = `${parsed.encoding}:${parsed.bom ? 1 : 0}:${parsed.text}`;
      doc = kept && kept.file === file && kept.key === key ? kept.doc : sourceDoc(path, parsed);
    } else {
      const problem = fileProblem(path, file);
      if (problem) throw new Error(String(problem.message));
      const raw = readFileSync(path);
      key = raw;
      doc =
        kept && kept.file === file && Buffer.isBuffer(kept.key) && kept.key.equals(raw)
          ? kept.doc
          : docOf(path, file, raw);
    }
    seen.set(path, { key, file, doc });
    return doc;
  }

  /** Forgets the articles not read by the latest check. */
  keep(seen: Seen): void {
    this.docs = seen;
  }

  punctuationOf(doc: SourceDoc, sink: FindingSink): void {
    let found = this.punctuation.get(doc);
    if (!found) {
      const own = new FindingSink();
      checkPunctuation(doc, own);
      this.punctuation.set(doc, (found = own.list));
    }
    sink.list.push(...found);
  }
}

/** The articles a check read, by path: what made each document (its bytes or text) and the document. */
type Seen = Map<string, { key: Buffer | string; file: string; doc: SourceDoc }>;

export interface CheckResult {
  dir: string;
  /** Sorted by file, line, column. */
  findings: Finding[];
  errors: number;
  warnings: number;
  /** The article files as read (for --fix). */
  docs: SourceDoc[];
}

export function checkIssue(dir: string, o: CheckOptions): CheckResult {
  const sink = new FindingSink();
  const diags = new Diagnostics();
  let templateName: string | undefined;
  let templateAt: SourcePos | undefined;
  let loadedIssue: Pick<Issue, 'articles'> | null = null;
  if (o.schema !== false) {
    const loaded = loadIssue(dir, {
      template: (name, at) => {
        templateAt = at;
        const t = cachedTemplate(o.root, name, at).template;
        return t ? imageLimits(frameOf(t)) : undefined;
      },
    });
    diags.list.push(...loaded.diagnostics.list);
    templateName = loaded.issue?.meta.template;
    loadedIssue = loaded.issue ?? { articles: loaded.articles };
  }
  // Whatever the loader made of the issue, its text can still be proofread.
  if (!existsSync(dir)) return finish(dir, sink, diags.list, []);
  templateName = o.templateName ?? templateName ?? templateOf(dir);
  const docs: SourceDoc[] = [];
  const memory = o.memory;
  const parsed = parsedSources(o.issue ?? loadedIssue);
  const seen: Seen = new Map();
  for (const path of articleFiles(dir)) {
    const s = parsed.get(path);
    try {
      docs.push(memory ? memory.read(path, seen, s) : s ? sourceDoc(path, s) : readDoc(path));
    } catch {
      // unreadable: the loader says so
    }
  }
  memory?.keep(seen);
  const limit = o.archive ?? 12;
  const back = limit > 0 ? previousIssues(dir, limit).map(readArchived) : [];

  for (const doc of docs) {
    if (memory) memory.punctuationOf(doc, sink);
    else checkPunctuation(doc, sink);
  }
  checkNumbers(docs, sink);
  checkDuplicates(docs, back, sink, memory?.duplicates);
  checkConsistency(dir, back.length ? back[back.length - 1] : null, sink);

  if (o.template === false) {
    checkStructure(docs, sink);
    return finish(dir, sink, diags.list, docs);
  }
  // Template and fonts: the template's problems are the build's (reported with schema).
  const { template: raw, diagnostics: tdiags } = cachedTemplate(o.root, templateName, templateAt);
  if (o.schema !== false) diags.list.push(...tdiags);
  let fonts = o.fonts;
  if (!fonts && raw) {
    try {
      fonts = FontRegistry.load(o.root, new Diagnostics());
    } catch {
      fonts = undefined;
    }
  }
  const template: Template | null = raw && fonts ? withInstalledFonts(raw, (r) => fonts!.installed(r)) : null;
  let measure;
  if (template && fonts) {
    const registry = fonts;
    const face = (role: string): Face | null => {
      try {
        return registry.has(role) ? registry.face(role) : null;
      } catch {
        return null; // a font file missing: the build reports it
      }
    };
    try {
      if (o.contentsMeasurer && face(template.toc.font))
        measure = tocMeasure(
          o.contentsMeasurer,
          template,
          registry,
          `${o.root}|${templateName}|${templateStamp(o.root, templateName)}`,
        );
    } catch {
      measure = undefined;
    }
    if (o.glyphs !== false) checkGlyphs(docs, template, face, sink);
  }
  checkStructure(docs, sink, measure);
  return finish(dir, sink, diags.list, docs);
}

/** Templates change rarely and parse slowly; a build in a long-lived process reads each once. */
const templates = new Map<string, { stamp: string; template: Template | null; diagnostics: Diagnostic[] }>();

function templateStamp(root: string, _name: string): string {
  // a template may extend any other: all of them count
  return templatesStamp(root);
}

function cachedTemplate(
  root: string,
  name: string,
  at?: SourcePos,
): { template: Template | null; diagnostics: Diagnostic[] } {
  const stamp = templateStamp(root, name);
  const key = `${root}|${name}|${at ? `${at.file}:${at.line}:${at.col}` : ''}`;
  const kept = templates.get(key);
  if (kept && kept.stamp === stamp) return kept;
  const d = new Diagnostics();
  const entry = { stamp, template: loadTemplate(root, name, d, at), diagnostics: d.list };
  templates.set(key, entry);
  return entry;
}

function templateOf(dir: string): string {
  return readInfo(dir).template ?? 'default';
}

function finish(dir: string, sink: FindingSink, schema: Diagnostic[], docs: SourceDoc[]): CheckResult {
  // A finding the loader already made at the same place (an unbalanced mark it too noticed)
  // is said once.
  const seen = new Set(schema.map((d) => `${d.file}:${d.line}:${d.col}:${d.code}`));
  const findings: Finding[] = [
    ...schema.map((d) => ({ ...d })),
    ...sink.list.filter((f) => !seen.has(`${f.file}:${f.line}:${f.col}:${f.code}`)),
  ];
  findings.sort(compareFindings);
  const c = count(findings);
  return { dir, findings, errors: c.errors, warnings: c.warnings, docs };
}

/** The checks a build runs: everything but what the build reports itself, as warnings. */
export function buildChecks(dir: string, root: string, fonts?: FontRegistry, issue?: Issue): Diagnostic[] {
  const r = checkIssue(dir, { root, schema: false, template: false, fonts, issue, memory: memoryOf(dir) });
  return r.findings.map(({ edits: _e, path: _p, related: _r, ...d }) => ({ ...d, severity: 'warning' as const }));
}

export interface FixResult {
  files: FileFix[];
  /** Files changed on disk since they were checked, left alone. */
  skipped: string[];
  /** Files that could not be written (a read-only folder), left as they were. */
  failed: FixFailure[];
  fixed: Finding[];
}

/** readDoc, from bytes already read (the bytes the memory compares are the ones parsed). */
function docOf(path: string, file: string, raw: Buffer): SourceDoc {
  const read = decodeText(raw, file);
  if (isProblem(read)) throw new Error(String(read.message));
  const doc = parseDoc(path, read.bom && read.encoding === 'utf-8' ? '\uFEFF' + read.text : read.text);
  doc.encoding = read.encoding;
  if (read.encoding !== 'utf-8') doc.bom = read.bom;
  return doc;
}

/**
 * One memory per issue folder, for the few latest folders checked: the preview checks one
 * issue again and again; `--all` checks each issue once, and keeping them all would only
 * hold memory.
 */
const memories = new Map<string, CheckMemory>();
const MEMORIES = 2;

function memoryOf(dir: string): CheckMemory {
  const key = resolve(dir);
  let m = memories.get(key);
  if (m) memories.delete(key);
  else m = new CheckMemory();
  memories.set(key, m);
  for (const k of memories.keys()) if (memories.size > MEMORIES) memories.delete(k);
  return m;
}

/** Applies the safe fixes of a check and writes the files. */
export function fixIssue(result: CheckResult): FixResult {
  const files = planFixes(result.findings, result.docs);
  const { skipped, failed } = writeFixes(files);
  const written = files.filter((f) => !skipped.includes(f.file) && !failed.some((x) => x.file === f.file));
  return { files: written, skipped, failed, fixed: written.flatMap((f) => f.fixed) };
}

export const issueName = (dir: string) => basename(resolve(dir));
