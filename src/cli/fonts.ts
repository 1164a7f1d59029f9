// `bulletin fonts [issue-dir] [--template name] [--all] [--json]`: the fonts found, their
// roles and coverage; with an issue, the characters each fallback font prints and those no
// font has. Exit status: 0, or 1 when the issue has characters no font has; 2 wrong usage.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const HELP = `bulletin fonts [issue-dir] [options]

Lists the fonts bulletin finds (fonts/fonts.yaml, fonts/local/, the system's fonts), the
role each fills, how many characters of each Han block it has (CJK, Ext A … Ext G), and the
template's fallback chain. With an issue folder: the characters that come from a fallback
font, and those no font has, each at its first file:line:col.

Options:
  -t, --template <name>  the template to show (default: the issue's, or default)
  --all                  list every font file found, usable or not
  --json                 print the report as JSON
  -h, --help             show this help

Exit status: 0; 1 when the issue has characters no font has; 2 wrong usage.`;

const MESSAGES = {
  noIssue: (dir: string) => `bulletin fonts: no issue folder at ${dir} (it needs issue.yaml and articles/)`,
  unknown: (a: string) => `bulletin fonts: unknown option ${a}\n\n${HELP}`,
  needsName: (a: string) => `bulletin fonts: ${a} needs a template name`,
};

export async function runFonts(args: string[]): Promise<number> {
  let dir: string | undefined;
  let template: string | undefined;
  let all = false;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(HELP + '\n');
      return 0;
    } else if (a === '--all') all = true;
    else if (a === '--json') json = true;
    else if (a === '-t' || a === '--template') {
      template = args[++i];
      if (!template) {
        process.stderr.write(MESSAGES.needsName(a) + '\n');
        return 2;
      }
    } else if (a.startsWith('-')) {
      process.stderr.write(MESSAGES.unknown(a) + '\n');
      return 2;
    } else if (!dir) dir = a;
    else {
      process.stderr.write(MESSAGES.unknown(a) + '\n');
      return 2;
    }
  }
  if (dir && !existsSync(join(dir, 'issue.yaml'))) {
    process.stderr.write(MESSAGES.noIssue(dir) + '\n');
    return 2;
  }
  const { ROOT } = await import('../index.js');
  const { fontsReport, formatFontsReport } = await import('../fonts/report.js');
  const report = fontsReport(ROOT, { issueDir: dir, template });
  if (json) process.stdout.write(JSON.stringify(report, null, 2) + '\n');
  else process.stdout.write(formatFontsReport(report, all) + '\n');
  return report.issue?.missing.length ? 1 : 0;
}
