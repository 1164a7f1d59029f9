// `bulletin fonts [issue-dir] [--template name] [--all] [--json]`: the fonts found, their
// roles and coverage; with an issue, the characters each fallback font prints and those no
// font has. Exit status: 0, or 1 when the issue has characters no font has; 2 wrong usage.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { t, type Lang } from '../core/text.js';
import type { Parsed } from './commands.js';

export async function runFonts(parsed: Parsed, lang: Lang): Promise<number> {
  const dir = parsed.dir || undefined;
  if (dir && !existsSync(join(dir, 'issue.yaml'))) {
    process.stderr.write(`bulletin fonts: ${t('fonts.no-issue', { dir }).in(lang)}\n`);
    return 2;
  }
  const { ROOT } = await import('../index.js');
  const { fontsReport, formatFontsReport } = await import('../fonts/report.js');
  const report = fontsReport(ROOT, { issueDir: dir, template: parsed.values.template as string | undefined });
  if (parsed.values.json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatFontsReport(report, !!parsed.values.all, lang) + '\n');
  return report.issue?.missing.length ? 1 : 0;
}
