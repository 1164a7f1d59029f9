// Composed paragraphs remembered by what decides them: the runs' text and style, the fonts
// (by identity: faces stay open between builds of one process), the measure and the spacing
// options. A paragraph met again — in the same issue or in the next build of a preview —
// costs a lookup. Lines are never changed after composition, so they can be shared.
import type { StyledRun } from '../compose/atoms.js';
import type { Line } from '../compose/lines.js';
import type { Face } from '../text/face.js';

/** Entries per generation; the cache holds at most two generations (old ones fall away). */
const GENERATION = 20_000;

const faceIds = new WeakMap<Face, number>();
let nextFaceId = 1;

function faceId(f: Face): number {
  let id = faceIds.get(f);
  if (id === undefined) faceIds.set(f, (id = nextFaceId++));
  return id;
}

export class ComposeCache {
  private current = new Map<string, Line[]>();
  private previous = new Map<string, Line[]>();

  /** The key of a paragraph: everything composition reads, and nothing else. */
  key(
    runs: StyledRun[],
    options: object,
    env: { hanLatin: number; fallback: readonly string[]; tracking?: number; compress?: boolean },
  ): string {
    // Fallback fonts by role: opening them only to name them would cost the builds that never need them.
    let k = `${JSON.stringify(options)}|${env.hanLatin}|${env.fallback.join(',')}|${env.tracking ?? 0}|${env.compress ?? true}`;
    for (const r of runs)
      k += `\u0000${faceId(r.face)}|${r.size}|${r.color}|${r.href ?? ''}|${r.note ?? ''}|${r.rise ?? ''}|${r.text}`;
    return k;
  }

  get(key: string): Line[] | undefined {
    const hit = this.current.get(key);
    if (hit) {
      this.used?.push(key, hit);
      return hit;
    }
    const old = this.previous.get(key);
    if (old) {
      this.previous.delete(key);
      this.set(key, old);
    }
    return old;
  }

  /** Keys and lines looked up or stored while `recording` runs, in pairs. */
  private used: (string | Line[])[] | undefined;

  /**
   * Runs `f` and says which paragraphs it looked up or composed: a part of the issue whose
   * result is kept whole (an article's blocks) hands them to `keep` in later builds, so they
   * stay as if looked up again — and a paragraph of it that did not change is still found
   * when the part changes.
   */
  recording<T>(f: () => T): { value: T; used: (string | Line[])[] } {
    const outer = this.used;
    const used: (string | Line[])[] = [];
    this.used = used;
    try {
      return { value: f(), used };
    } finally {
      this.used = outer;
      outer?.push(...used);
    }
  }

  /** Paragraphs a kept part used (from `recording`), kept in this build's generation. */
  keep(used: readonly (string | Line[])[]): void {
    for (let i = 0; i < used.length; i += 2) {
      const key = used[i] as string;
      if (this.current.has(key)) continue;
      this.previous.delete(key);
      this.set(key, used[i + 1] as Line[]);
    }
  }

  /**
   * A build starts: what the build before last composed and the last did not use falls
   * away. The preview edits a paragraph a save; without this every version of it would
   * stay until a generation filled (tens of megabytes over a thousand edits).
   */
  newBuild(): void {
    this.previous = this.current;
    this.current = new Map();
  }

  set(key: string, lines: Line[]): void {
    this.used?.push(key, lines);
    if (this.current.size >= GENERATION) {
      this.previous = this.current;
      this.current = new Map();
    }
    this.current.set(key, lines);
  }

  get size(): number {
    return this.current.size + this.previous.size;
  }
}

/** One cache for the process: builds of the same issue (the preview) share what they composed. */
export const composeCache = new ComposeCache();
