// The public API: build(issueDir, options) → the PDF bytes and a report.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildChecks } from './check/index.js';
import { layoutIssue, type Layout, type ProgressReport } from './issue/build.js';
import { renderPdf } from './render/pdf.js';
import { diagnostic, InputError, type Diagnostic } from './source/diagnostics.js';
import { t } from './core/text.js';
import { VERSION } from './core/version.js';

export { InputError, formatDiagnostic, type Diagnostic } from './source/diagnostics.js';
export { layoutIssue, type Layout, type SourceMark, type ProgressReport, type ProgressStep } from './issue/build.js';
export { checkIssue, fixIssue, type CheckOptions, type CheckResult, type Finding } from './check/index.js';

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
}

export interface BuildResult {
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
  layout: Layout;
}

export async function build(issueDir: string, o: BuildOptions = {}): Promise<BuildResult> {
  const root = o.root ?? ROOT;
  let layout: Layout;
  try {
    layout = layoutIssue(issueDir, { root, strict: o.strict, breaker: o.breaker, draft: o.draft, progress: o.progress });
  } catch (e) {
    // The input's errors stop the build; what proofreading finds helps fix the issue meanwhile.
    if (e instanceof InputError && o.check !== false) throw new InputError([...e.diagnostics, ...proofread(issueDir, root)]);
    throw e;
  }
  o.progress?.({ stage: 'check', pages: layout.display.pages.length });
  const diagnostics = [...layout.diagnostics.list, ...(o.check === false ? [] : proofread(issueDir, root, layout))];
  // Layout finds problems of its own (with --strict, characters no font has are errors).
  if (layout.diagnostics.hasErrors()) throw new InputError(diagnostics);
  o.progress?.({ stage: 'render', pages: layout.display.pages.length });
  const pdf = await renderPdf(layout.display, layout.fonts, { producer: `bulletin ${VERSION}` });
  layout.fonts.saveMetrics();
  return { pdf, pages: layout.display.pages.length, diagnostics, layout };
}

/** The checker's findings, as warnings; a fault in the checker never stops a build. */
function proofread(issueDir: string, root: string, layout?: Layout): Diagnostic[] {
  try {
    return buildChecks(issueDir, root, layout?.fonts);
  } catch (e) {
    const at = { file: issueDir, line: 0, col: 0 };
    return [diagnostic('warning', 'check-failed', at, t('check-failed', { detail: (e as Error).message }), t('check-failed.fix'))];
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
