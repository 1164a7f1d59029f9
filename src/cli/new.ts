// `bulletin new [issues/<yyyy-mm>]`: start the next issue from the latest one. Exit codes:
// 0 made, 1 nothing to start from or the folder is taken, 2 wrong usage (commands.ts).
import { t, TextError, type Lang } from '../core/text.js';
import type { Parsed } from './commands.js';

export async function runNew(parsed: Parsed, lang: Lang): Promise<number> {
  const { startNextIssue } = await import('../archive/new-issue.js');
  try {
    const made = startNextIssue(
      parsed.dir.replace(/[\\/]+$/, '') || undefined,
      (parsed.values.archive as string | undefined) ?? 'issues',
    );
    const total = made.total !== undefined ? t('new.total', { total: made.total }).in(lang) : '';
    process.stdout.write(
      t('new.made', { dir: made.dir, number: made.number, total, date: made.date, from: made.from }).in(lang) + '\n',
    );
    return 0;
  } catch (e) {
    process.stderr.write(
      `bulletin new: ${t('cli.severity.error').in(lang)}: ${e instanceof TextError ? e.text.in(lang) : (e as Error).message}\n`,
    );
    return 1;
  }
}
