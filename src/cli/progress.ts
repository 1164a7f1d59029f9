// The progress line of a long build on a terminal: the stage, the article and the pages so
// far, rewritten in place and cleared at the end. A short build, a build whose stderr is not
// a terminal (a log, a pipe, CI) and a --quiet build show nothing.
import { t, type Lang } from '../core/text.js';
import type { ProgressStep } from '../pipeline/layout.js';

export interface ProgressStream {
  isTTY?: boolean;
  columns?: number;
  write(s: string): unknown;
}

export interface ProgressOptions {
  quiet?: boolean;
  lang?: Lang;
  /** Nothing is shown before the build has run this long (ms). */
  after?: number;
  now?: () => number;
}

/** Columns a character takes on a terminal: two for Han and full-width forms, one otherwise. */
const cells = (ch: string): number =>
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{20000}-\u{3fffd}]/u.test(
    ch,
  )
    ? 2
    : 1;

/**
 * The text cut to one line of the terminal: wider, it would wrap and \r could not take it
 * back. Han characters take two columns each.
 */
export function fit(text: string, columns = 80): string {
  const room = columns - 1;
  if ([...text].reduce((n, ch) => n + cells(ch), 0) <= room) return text;
  let used = 0;
  let out = '';
  for (const ch of text) {
    if (used + cells(ch) > room - 1) break;
    used += cells(ch);
    out += ch;
  }
  return out + '…';
}

export class Progress {
  private readonly on: boolean;
  private readonly start: number;
  private readonly now: () => number;
  private readonly after: number;
  private readonly lang: Lang;
  private shown = false;
  private last = '';

  constructor(
    private readonly stream: ProgressStream,
    o: ProgressOptions = {},
  ) {
    this.on = !!stream.isTTY && !o.quiet;
    this.now = o.now ?? Date.now;
    this.start = this.now();
    this.after = o.after ?? 1000;
    this.lang = o.lang ?? 'en';
  }

  /** Bound, so it can be handed to build() as is. */
  readonly report = (step: ProgressStep): void => {
    if (!this.on || this.now() - this.start < this.after) return;
    const line = this.line(step);
    if (line === this.last) return;
    this.last = line;
    this.shown = true;
    this.stream.write(`\r\x1b[K${line}`);
  };

  line(step: ProgressStep): string {
    const parts = [t(`progress.${step.stage}`).in(this.lang)];
    if (step.article) parts.push(step.article);
    if (step.pages !== undefined) parts.push(t('progress.pages', { pages: step.pages }).in(this.lang));
    return fit(parts.join(this.lang === 'zh' ? '，' : ', '), this.stream.columns);
  }

  /** Clears the line, so what follows starts on a clean one. */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
    this.last = '';
  }
}

/**
 * The progress line of `build --all` on a terminal: how many issues are done and which are
 * being built, under the lines printed about each issue. Like a single build's, it shows
 * only after the work has run a while, and never off a terminal or with --quiet.
 */
export class BatchProgress {
  private readonly on: boolean;
  private readonly start: number;
  private readonly now: () => number;
  private readonly after: number;
  private readonly lang: Lang;
  private readonly running = new Set<string>();
  private finished = 0;
  private shown = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly total: number,
    o: ProgressOptions = {},
  ) {
    this.on = !!stream.isTTY && !o.quiet;
    this.now = o.now ?? Date.now;
    this.start = this.now();
    this.after = o.after ?? 1000;
    this.lang = o.lang ?? 'en';
  }

  started(name: string): void {
    this.running.add(name);
    this.draw();
  }

  /** An issue is done; `line` (if any) is printed above the progress line, on `to`. */
  finishedOne(name: string, line?: string, to: ProgressStream = this.stream): void {
    this.running.delete(name);
    this.finished++;
    if (line !== undefined) {
      this.clear();
      to.write(line + '\n');
    }
    this.draw();
  }

  /** Called on a timer: the line appears once the build has run long enough, even between issues. */
  readonly tick = (): void => this.draw();

  line(): string {
    const running = [...this.running];
    const text = running.length
      ? t('progress.all', { done: this.finished, total: this.total, issues: running.join(', ') }).in(this.lang)
      : t('progress.all.idle', { done: this.finished, total: this.total }).in(this.lang);
    return fit(text, this.stream.columns);
  }

  private draw(): void {
    if (!this.on || this.now() - this.start < this.after) return;
    this.shown = true;
    this.stream.write(`\r\x1b[K${this.line()}`);
  }

  private clear(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
  }

  done(): void {
    this.clear();
    this.shown = false;
  }
}
