// The public API: build(issueDir, options) → the PDF bytes and a report.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { layoutIssue, type Layout } from './issue/build.js';
import { renderPdf } from './render/pdf.js';
import { InputError, type Diagnostic } from './source/diagnostics.js';

export { InputError, formatDiagnostic, type Diagnostic } from './source/diagnostics.js';
export { layoutIssue } from './issue/build.js';

export const VERSION = '0.1.0';

/** The project root: where templates/ and fonts/ live (next to lib/ and src/). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

export interface BuildOptions {
  root?: string;
  strict?: boolean;
  breaker?: 'total-fit' | 'greedy';
}

export interface BuildResult {
  pdf: Buffer;
  pages: number;
  diagnostics: Diagnostic[];
  layout: Layout;
}

export async function build(issueDir: string, o: BuildOptions = {}): Promise<BuildResult> {
  const layout = layoutIssue(issueDir, { root: o.root ?? ROOT, strict: o.strict, breaker: o.breaker });
  // Layout finds problems of its own (with --strict, characters no font has are errors).
  if (layout.diagnostics.hasErrors()) throw new InputError(layout.diagnostics.list);
  const pdf = await renderPdf(layout.display, layout.fonts, { producer: `bulletin ${VERSION}` });
  layout.fonts.saveMetrics();
  return { pdf, pages: layout.display.pages.length, diagnostics: layout.diagnostics.list, layout };
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
