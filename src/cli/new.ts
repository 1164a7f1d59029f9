// `bulletin new [issues/<yyyy-mm>]`: start the next issue from the latest one. Exit codes:
// 0 made, 1 nothing to start from or the folder is taken, 2 wrong usage.
import { parseArgs } from 'node:util';

export const NEW_HELP = `bulletin new [issues/<yyyy-mm>] [options]

Starts the next issue from the latest one in issues/ (or in the folder given): the next
number (第 N 期, and 总第 N 期 when the issue has a total; a new year starts at 第 1 期),
the month's last weekday as its date (change it in issue.yaml), the same masthead,
publisher, editor, phone and template, and articles/01-shili-wenzhang.md, an example
article that shows the Markdown an article may use. Without a folder, the issue goes in
the folder of the month after the latest.

Options:
  --archive <dir>  the folder holding the issues (default: issues)
  -h, --help       show this help

Exit status: 0 made, 1 no issue to start from or the folder is taken, 2 wrong usage.`;

const MESSAGES = {
  made: (dir: string, number: number, total: number | undefined, date: string, from: string) =>
    `${dir}: 第 ${number} 期${total !== undefined ? `（总第 ${total} 期）` : ''}, dated ${date} (the month's last weekday: change it in issue.yaml), from ${from}\n` +
    `  write the articles in ${dir}/articles/ (the example there shows how), then: bulletin check ${dir}`,
};

export async function runNew(args: string[]): Promise<number> {
  let values: { archive?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({ args, allowPositionals: true, options: { archive: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
    if (positionals.length > 1) throw new Error(`unexpected argument ${positionals[1]}`);
  } catch (e) {
    process.stderr.write(`bulletin new: ${(e as Error).message}\n\n${NEW_HELP}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(NEW_HELP + '\n');
    return 0;
  }
  const { startNextIssue } = await import('../archive/new-issue.js');
  try {
    const made = startNextIssue(positionals[0]?.replace(/[\\/]+$/, ''), values.archive ?? 'issues');
    process.stdout.write(MESSAGES.made(made.dir, made.number, made.total, made.date, made.from) + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(`bulletin new: error: ${(e as Error).message}\n`);
    return 1;
  }
}
