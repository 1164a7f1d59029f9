// Whole random issues: every build either prints every word the editor wrote (read back from
// the PDF) or refuses the input with diagnostics — never an internal error, never a hang.
// `npm run fuzz` runs many more cases than `npm test` (BULLETIN_FUZZ_RUNS).
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { build, InputError, type Diagnostic } from '../../src/index.js';
import { ROOT } from '../helpers/build.js';
import { readPdf, type PdfRead } from '../helpers/pdf.js';
import { randomIssue, writeIssue, type RandomIssue, type Unit } from '../helpers/random-issue.js';

const RUNS = Number(process.env.BULLETIN_FUZZ_RUNS ?? 150);
const PICTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs', 'images', 'chart.png');

/** The default template's text block (pt from the top and the left) and its note size. */
const BLOCK_TOP = 75;
const BLOCK_BOTTOM = 770;
const BLOCK_LEFT = 69.64;
const NOTE_SIZE = 9;
/** A note's own number at the start of its first line: ①, ㉑, ㊱ or [n]. */
const NOTE_MARK = /^[\u2460-\u2473\u3251-\u325f\u32b1-\u32bf[]$/u;

/**
 * Text as readers take it, in order, without furniture: the running text (tables set small
 * included; raised markers left out) and the notes. Pages are drawn in reading order, so a
 * page's notes are what follows the first note number at the left edge in the note size.
 */
function streams(pdf: PdfRead): { body: string; notes: string } {
  let body = '';
  let notes = '';
  for (const page of pdf.pages.slice(1)) {
    const chars = page.chars.filter((c) => c.y >= BLOCK_TOP && c.y <= BLOCK_BOTTOM);
    const start = chars.findIndex(
      (c) => NOTE_MARK.test(c.c) && Math.abs(c.size - NOTE_SIZE) < 0.5 && c.x0 < BLOCK_LEFT + 1,
    );
    chars.forEach((c, k) => {
      if (start >= 0 && k >= start) {
        if (Math.abs(c.size - NOTE_SIZE) < 0.5) notes += c.c;
      } else if (c.size >= 8.5) body += c.c;
    });
  }
  return { body: norm(body), notes: norm(notes) };
}

function norm(s: string): string {
  return s.normalize('NFC').replace(/\s+/gu, '');
}

/** The characters the build said it could not print, which it leaves out. */
function unprintable(diags: Diagnostic[]): Set<string> {
  const out = new Set<string>();
  for (const d of diags) {
    const m = d.code === 'glyph-missing' ? /\(U\+([0-9A-F]+)\)/.exec(d.message) : null;
    if (m) out.add(String.fromCodePoint(parseInt(m[1], 16)));
  }
  return out;
}

function expected(u: Unit, missing: Set<string>): string {
  return norm(
    Array.from(u.text.normalize('NFC'))
      .filter((c) => !missing.has(c))
      .join(''),
  );
}

/** The first unit of the issue that a reader cannot find, or null when every one is there. */
function firstLost(issue: RandomIssue, pdf: PdfRead, diags: Diagnostic[]): string | null {
  const { body, notes } = streams(pdf);
  const missing = unprintable(diags);
  let at = 0;
  // Cells are counted, not placed: a row split over pages is read piece by piece across its cells.
  const cells = new Map<string, number>();
  for (const a of issue.articles) {
    if (!a.counted) {
      if (body.includes('不应印出的备份文字')) return `${a.name} was printed`;
      continue;
    }
    for (const u of a.units) {
      const want = expected(u, missing);
      if (!want) continue;
      if (u.where === 'cell') {
        for (const c of want) cells.set(c, (cells.get(c) ?? 0) + 1);
        continue;
      }
      if (u.where === 'note') {
        if (!notes.includes(want)) return `note text "${want}" (${a.name})`;
        continue;
      }
      const k = body.indexOf(want, at);
      if (k < 0) return `"${want}" (${a.name}) ${body.includes(want) ? 'out of order' : 'missing'}`;
      at = k + want.length;
    }
  }
  const printed = new Map<string, number>();
  for (const c of body) printed.set(c, (printed.get(c) ?? 0) + 1);
  for (const [c, n] of cells)
    if ((printed.get(c) ?? 0) < n) return `table cells hold ${n} × "${c}", the page ${printed.get(c) ?? 0}`;
  return null;
}

describe('random whole issues', () => {
  it(`print every word or refuse with diagnostics (${RUNS} issues)`, async () => {
    const stats = { built: 0, refused: 0 };
    const reasons = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(randomIssue, async (issue) => {
        const parent = mkdtempSync(join(tmpdir(), 'bulletin-random-'));
        const dir = join(parent, '2023-06');
        try {
          writeIssue(dir, issue, PICTURE);
          let result;
          try {
            result = await build(dir, { root: ROOT });
          } catch (e) {
            if (!(e instanceof InputError)) throw e; // a crash: what the CLI reports as exit 3
            stats.refused++;
            const errors = e.diagnostics.filter((d) => d.severity === 'error');
            expect(errors.length).toBeGreaterThan(0);
            for (const d of errors) expect(d.file).toBeTruthy();
            for (const d of errors) reasons.set(d.code, (reasons.get(d.code) ?? 0) + 1);
            // an issue generated valid must build
            if (issue.valid) expect(errors.map((d) => `${d.code}: ${d.message}`).join('; ')).toBe('');
            return;
          }
          stats.built++;
          const lost = firstLost(issue, readPdf(result.pdf), result.diagnostics);
          expect(
            lost,
            `${lost}\n\n${issue.yaml}\n${issue.articles.map((a) => `${a.name}:\n${a.markdown}`).join('\n')}`,
          ).toBeNull();
        } finally {
          rmSync(parent, { recursive: true, force: true });
        }
      }),
      {
        numRuns: RUNS,
        seed: process.env.BULLETIN_FUZZ_SEED ? Number(process.env.BULLETIN_FUZZ_SEED) : undefined,
        reporter: (r) => {
          if (!r.failed) return;
          const issue = r.counterexample?.[0];
          const files = issue
            ? `\n${issue.yaml}\n${issue.articles.map((a) => `--- ${a.name}\n${a.markdown}`).join('\n')}`
            : '';
          throw new Error(
            `seed ${r.seed}, path ${r.counterexamplePath}: ${(r.errorInstance as Error)?.message}${files}`,
          );
        },
      },
    );
    // Most generated issues are valid: a property that only ever saw refusals would prove nothing.
    expect(stats.built).toBeGreaterThan(stats.refused);
    console.log(
      `random issues: ${stats.built} built, ${stats.refused} refused with diagnostics (${[...reasons].map(([c, n]) => `${c} ×${n}`).join(', ')})`,
    );
  }, 1_800_000);
});
