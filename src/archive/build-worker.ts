// One worker of `bulletin build --all`: builds the issues it is sent, one at a time, writes
// each PDF (and the build.json when it has none), and answers with what happened.
import { parentPort } from 'node:worker_threads';
import { build, formatDiagnostic, InputError, ROOT, VERSION, writeAtomically } from '../index.js';
import { sha256 } from './manifest.js';
import { recordBuild } from './record.js';
import type { Lang } from '../core/text.js';

export interface BuildTask {
  dir: string;
  output: string;
  /** The language the errors are put in. */
  lang: Lang;
}

export type BuildOutcome =
  | { ok: true; pages: number; bytes: number; ms: number; warnings: number; pdfSha: string; recorded: boolean }
  | { ok: false; internal: boolean; reason: string; errors: string[] };

async function one(task: BuildTask): Promise<BuildOutcome> {
  const t0 = performance.now();
  try {
    const r = await build(task.dir, { root: ROOT, once: true });
    writeAtomically(task.output, r.pdf);
    const recorded = recordBuild(task.dir, r, ROOT, VERSION, false) === 'written';
    return {
      ok: true,
      pages: r.pages,
      bytes: r.pdf.length,
      ms: performance.now() - t0,
      warnings: r.diagnostics.length,
      pdfSha: sha256(r.pdf),
      recorded,
    };
  } catch (e) {
    if (e instanceof InputError) {
      const errors = e.diagnostics.filter((d) => d.severity === 'error').map((d) => formatDiagnostic(d, task.lang));
      return { ok: false, internal: false, reason: errors[0] ?? 'input errors', errors };
    }
    const err = e as Error;
    return { ok: false, internal: true, reason: `internal error: ${err.message}`, errors: [err.stack ?? err.message] };
  }
}

parentPort?.on('message', (task: BuildTask) => {
  void one(task).then((r) => parentPort!.postMessage(r));
});
