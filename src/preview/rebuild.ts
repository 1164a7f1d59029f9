// The one rebuild the preview makes on a save: the in-process build() (fonts stay open
// between builds), its outcome in the terms the page needs. Caches that make rebuilds
// incremental belong inside build(); this function stays a single call to it.
import { build, InputError, type Diagnostic, type SourceMark } from '../index.js';
import { diagnostic } from '../source/diagnostics.js';
import { t } from '../core/text.js';
import { pageHashes } from './pagehash.js';

export interface RebuildOptions {
  /** Project root (templates/, fonts/); default the installation's. */
  root?: string;
  /** The template's watermark (样稿) on every page. */
  draft: boolean;
}

export type Outcome =
  | { ok: true; pdf: Buffer; pages: string[]; sources: SourceMark[]; diagnostics: Diagnostic[]; ms: number }
  | { ok: false; diagnostics: Diagnostic[]; ms: number; internal?: Error };

export async function rebuild(issueDir: string, o: RebuildOptions): Promise<Outcome> {
  const t0 = performance.now();
  try {
    const r = await build(issueDir, { root: o.root, draft: o.draft });
    return {
      ok: true,
      pdf: r.pdf,
      pages: pageHashes(r.layout.display),
      sources: r.layout.sources,
      diagnostics: r.diagnostics,
      ms: performance.now() - t0,
    };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof InputError) return { ok: false, diagnostics: e.diagnostics, ms };
    // A bug, not the editor's doing: the preview says so and carries on with the last pages.
    const err = e instanceof Error ? e : new Error(String(e));
    const d: Diagnostic = diagnostic(
      'error',
      'internal',
      { file: issueDir, line: 0, col: 0 },
      t('internal', { detail: err.message }),
      t('internal.fix'),
    );
    return { ok: false, diagnostics: [d], ms, internal: err };
  }
}
