// The public API: build(issueDir, options) → the PDF bytes and a report.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChecks, checkIssue as checkSource, type CheckOptions, type CheckResult } from './check/index.js';
import { contentsMeasurer } from './furnish/contents-measure.js';
import { fontStamp, inputStamp } from './pipeline/input-stamp.js';
import { layoutIssue, type Layout, type ProgressReport } from './pipeline/layout.js';
import { imposeBooklet } from './render/impose.js';
import { renderPdf, type PrintReport, type RenderOptions } from './render/pdf.js';
import { findCmykProfile } from './render/print.js';
import { diagnostic, InputError, type Diagnostic } from './source/diagnostics.js';
import { t } from './core/text.js';
import { VERSION } from './core/version.js';

export { InputError, formatDiagnostic, type Diagnostic } from './source/diagnostics.js';
export {
  layoutIssue,
  type Layout,
  type SourceMark,
  type ProgressReport,
  type ProgressStep,
} from './pipeline/layout.js';
export { fixIssue, type CheckOptions, type CheckResult, type Finding } from './check/index.js';

/**
 * `bulletin check`: the proofreading checks, with titles measured as the contents set them
 * (check is handed layout's measurer here rather than importing it).
 */
export function checkIssue(dir: string, o: CheckOptions): CheckResult {
  return checkSource(dir, { contentsMeasurer, ...o });
}

export { VERSION } from './core/version.js';

/** The project root: where templates/ and fonts/ live (next to lib/ and src/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  root?: string;
  strict?: boolean;
  breaker?: 'total-fit' | 'greedy';
  /** Proofreading checks (bulletin check) as warnings; default on. */
  check?: boolean;
  /** A draft: the template's watermark (样稿) on every page. */
  draft?: boolean;
  /** Told each stage, article and page count as the build goes (the terminal's progress line). */
  progress?: ProgressReport;
  /** The template, over issue.yaml's `template:`. */
  template?: string;
  /** Colours as DeviceCMYK with a print output intent (PDF/X-4 where it conforms). */
  cmyk?: boolean;
  /** Colours as greys, for black-and-white printers. */
  grayscale?: boolean;
  /** Crop marks and a 3 mm bleed (TrimBox, BleedBox). */
  marks?: boolean;
  /** Also the pages imposed for saddle-stitch printing (BuildResult.booklet). */
  impose?: 'booklet';
  /**
   * The only build of this issue the process makes (the command line's `build`): nothing is
   * kept for a next one. Stamping the inputs and fingerprinting every page pays only when a
   * build follows (the preview); for one build they cost ~3 % of the time for nothing.
   */
  once?: boolean;
}

export interface BuildResult {
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
  layout: Layout;
  /** What the print options made of the file (PDF/X-4, PDF/A). */
  print: PrintReport;
  /** The imposed booklet, with --impose booklet. */
  booklet?: Buffer;
}

/**
 * The last successful build of each of the latest issues, with the stamp of its inputs
 * (pipeline/input-stamp.ts): a build of an issue nothing has changed in — the preview's first
 * build after a restart of its page, `bench` — returns it. Kept for two issues (`--all`
 * builds each once and would only fill memory).
 */
const lastBuilds = new Map<string, { stamp: string; fontFiles: string[]; fonts: string; result: BuildResult }>();

export async function build(issueDir: string, o: BuildOptions = {}): Promise<BuildResult> {
  const root = o.root ?? ROOT;
  const memo = `${resolve(issueDir)}|${root}`;
  const options = JSON.stringify({ ...o, root, version: VERSION });
  const last = lastBuilds.get(memo);
  // Stamped before building: a file saved during the build makes the next build start afresh.
  // (CMYK reads an output profile found anywhere on the system: those builds are not remembered.)
  const stamp = o.cmyk || o.once ? '' : inputStamp(issueDir, root, options);
  if (last && stamp && last.stamp === stamp && last.fonts === fontStamp(last.fontFiles)) return last.result;
  const result = await buildAfresh(issueDir, o, root);
  if (stamp) {
    const fontFiles = result.layout.fonts.openedFiles();
    lastBuilds.delete(memo);
    lastBuilds.set(memo, { stamp, fontFiles, fonts: fontStamp(fontFiles), result });
    for (const k of lastBuilds.keys()) if (lastBuilds.size > 2) lastBuilds.delete(k);
  }
  return result;
}

async function buildAfresh(issueDir: string, o: BuildOptions, root: string): Promise<BuildResult> {
  let layout: Layout;
  try {
    layout = layoutIssue(issueDir, {
      root,
      strict: o.strict,
      breaker: o.breaker,
      draft: o.draft,
      template: o.template,
      progress: o.progress,
    });
  } catch (e) {
    // The input's errors stop the build; what proofreading finds helps fix the issue meanwhile.
    if (e instanceof InputError && o.check !== false)
      throw new InputError([...e.diagnostics, ...proofread(issueDir, root)]);
    throw e;
  }
  const pages = layout.display.pages.length;
  const check = (): Diagnostic[] => {
    if (o.check === false) return [];
    o.progress?.({ stage: 'check', pages });
    return proofread(issueDir, root, layout);
  };
  // Layout finds problems of its own (with --strict, characters no font has are errors).
  if (layout.diagnostics.hasErrors()) throw new InputError([...layout.diagnostics.list, ...check()]);
  o.progress?.({ stage: 'render', pages });
  const render: RenderOptions = {
    producer: `bulletin ${VERSION}`,
    color: o.cmyk ? 'cmyk' : o.grayscale ? 'gray' : 'rgb',
    marks: o.marks,
    profile: o.cmyk ? findCmykProfile(root) : undefined,
    remember: !o.once,
  };
  const print: PrintReport = { pdfa: true };
  // The proofreading runs while the renderer's fonts compress on the thread pool.
  let found: Diagnostic[] | undefined;
  const pdf = await renderPdf(layout.display, layout.fonts, { ...render, meanwhile: () => (found = check()) }, print);
  const diagnostics = [...layout.diagnostics.list, ...(found ?? check())];
  const booklet =
    o.impose === 'booklet' ? await renderPdf(imposeBooklet(layout.display), layout.fonts, render) : undefined;
  layout.fonts.saveMetrics();
  return { pdf, pages: layout.display.pages.length, diagnostics, layout, print, booklet };
}

/** The checker's findings, as warnings; a fault in the checker never stops a build. */
function proofread(issueDir: string, root: string, layout?: Layout): Diagnostic[] {
  try {
    return buildChecks(issueDir, root, layout?.fonts, layout?.issue);
  } catch (e) {
    const at = { file: issueDir, line: 0, col: 0 };
    return [
      diagnostic(
        'warning',
        'check-failed',
        at,
        t('check-failed', { detail: (e as Error).message }),
        t('check-failed.fix'),
      ),
    ];
  }
}

/**
 * Writes through a temporary file in the same folder, then renames: a failed build never
 * leaves a truncated PDF, nor removes the last good one.
 */
export function writeAtomically(path: string, data: Buffer): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } finally {
    if (existsSync(tmp)) rmSync(tmp, { force: true });
  }
}
