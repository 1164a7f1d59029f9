// The progress line of a long build on a terminal: the stage, the article and the pages so
// far, rewritten in place and cleared at the end. A short build, a build whose stderr is not
// a terminal (a log, a pipe, CI) and a --quiet build show nothing.
import { t, type Lang } from '../core/text.js';
import type { ProgressStep } from '../issue/build.js';

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
    const text = parts.join(this.lang === 'zh' ? '，' : ', ');
    // One line: wider than the terminal, it would wrap and \r could not take it back.
    const room = (this.stream.columns ?? 80) - 1;
    return [...text].length > room ? [...text].slice(0, room - 1).join('') + '…' : text;
  }

  /** Clears the line, so what follows starts on a clean one. */
  done(): void {
    if (this.shown) this.stream.write('\r\x1b[K');
    this.shown = false;
    this.last = '';
  }
}
