// issue.yaml against itself, its folder's name and the issue before it in the archive:
// the masthead prints year, number and date, and a slip there is on every copy.
import { t } from '../core/text.js';
import { existsSync } from 'node:fs';
import { isProblem, readText } from '../source/read.js';
import { join } from 'node:path';
import { FindingSink } from './model.js';
import { readInfo, type IssueInfo } from './archive.js';
import { shownPath } from '../source/diagnostics.js';

/** The folder's year and month, when it is named for them (2023-06, 2023-6, 2023-06-special). */
function folderMonth(name: string): { year: number; month: number } | null {
  const m = /^(\d{4})[-_.]?(\d{1,2})(?!\d)/.exec(name);
  if (!m) return null;
  const month = Number(m[2]);
  return month >= 1 && month <= 12 ? { year: Number(m[1]), month } : null;
}

export function checkConsistency(dir: string, previous: IssueInfo | null, sink: FindingSink): void {
  const path = join(dir, 'issue.yaml');
  if (!existsSync(path)) return;
  const file = shownPath(path);
  const read = readText(path, file);
  if (isProblem(read)) return; // the loader says why
  const lines = read.text.replace(/\r\n?/g, '\n').split('\n');
  const at = (key: string) => {
    const k = lines.findIndex((l) => new RegExp(`^${key}\\s*:`).test(l));
    if (k < 0) return { file, line: 0, col: 0 };
    const m = new RegExp(`^${key}\\s*:\\s*`).exec(lines[k])!;
    return { file, line: k + 1, col: m[0].length + 1 };
  };
  const cur = readInfo(dir);
  const dy = cur.date ? Number(cur.date.slice(0, 4)) : undefined;
  const dm = cur.date ? Number(cur.date.slice(5, 7)) : undefined;

  // An issue may be printed early the next month (the June issue dated 3 July, December's
  // in January): said as a warning; anything further off is a slip.
  if (cur.year !== undefined && dy !== undefined && dm !== undefined && cur.year !== dy) {
    const early = dy === cur.year + 1 && dm === 1;
    sink.add(
      early ? 'warning' : 'error',
      'issue-year',
      at('year'),
      t('issue-year', { year: cur.year, date: cur.date ?? '' }),
      t('issue-year.fix', { dateYear: dy, year: cur.year }),
    );
  }
  const folder = folderMonth(cur.name);
  if (folder && dy !== undefined && dm !== undefined && (folder.year !== dy || folder.month !== dm)) {
    const off = dy * 12 + dm - (folder.year * 12 + folder.month);
    sink.add(
      off === 1 ? 'warning' : 'error',
      'issue-date',
      at('date'),
      t('issue-date.folder', {
        date: cur.date ?? '',
        month: `${folder.year}-${String(folder.month).padStart(2, '0')}`,
        folder: cur.name,
      }),
      t('issue-date.folder.fix'),
    );
  }
  if (!previous) return;
  const p = previous;
  if (cur.date && p.date && cur.date <= p.date) {
    sink.add(
      'warning',
      'issue-date',
      at('date'),
      t('issue-date.previous', { date: cur.date, previous: p.name, previousDate: p.date }),
      t('issue-date.previous.fix'),
    );
  }
  if (cur.number !== undefined && p.number !== undefined && cur.year !== undefined && p.year !== undefined) {
    const pf = folderMonth(p.name);
    if (cur.year === p.year) {
      // A monthly bulletin whose archive lacks a month may count it anyway: 2023-04 (第 4 期),
      // then 2023-06 (第 6 期).
      const gap = folder && pf && folder.year === pf.year ? folder.month - pf.month : 1;
      const expected = new Set([p.number + 1, p.number + Math.max(1, gap)]);
      if (cur.number === p.number) {
        sink.add(
          'error',
          'issue-number',
          at('number'),
          t('issue-number.again', { number: cur.number, previous: p.name }),
          t('issue-number.again.fix', { next: p.number + 1 }),
        );
      } else if (!expected.has(cur.number)) {
        sink.add(
          'warning',
          'issue-number',
          at('number'),
          t('issue-number', { number: cur.number, previousNumber: p.number, previous: p.name }),
          gap > 1
            ? t('issue-number.fix.gap', { next: p.number + 1, skipped: p.number + gap })
            : t('issue-number.fix', { next: p.number + 1 }),
        );
      }
    } else if (cur.year === p.year + 1 && cur.number !== 1) {
      sink.add(
        'warning',
        'issue-number',
        at('number'),
        t('issue-number.new-year', { number: cur.number, year: cur.year, previous: p.name, previousYear: p.year }),
        t('issue-number.new-year.fix'),
      );
    } else if (cur.year < p.year) {
      sink.add(
        'warning',
        'issue-year',
        at('year'),
        t('issue-year.previous', { year: cur.year, previous: p.name, previousYear: p.year }),
        t('issue-year.previous.fix'),
      );
    }
  }
  if (cur.total !== undefined && p.total !== undefined && cur.total !== p.total + 1) {
    sink.add(
      'warning',
      'issue-total',
      at('total'),
      t('issue-total', { total: cur.total, previousTotal: p.total, previous: p.name }),
      t('issue-total.fix', { next: p.total + 1 }),
    );
  }
}
