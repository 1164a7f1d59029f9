// Where the PDF may go. The build writes only what it owns: a new file, or an earlier PDF,
// never a source of the issue, a link, a folder, a device or a file that is not a PDF.
import { closeSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { t, type Text } from './core/text.js';

export interface OutputProblem {
  message: Text;
  fix: Text;
}

function lstat(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** The path with its nearest existing folder resolved through any links. */
function real(path: string): string {
  const abs = resolve(path);
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    try {
      return resolve(realpathSync(at), ...rest);
    } catch {
      const up = dirname(at);
      if (up === at) return abs;
      rest.unshift(basename(at));
      at = up;
    }
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel) && rel.split(sep)[0] !== '..');
}

function startsWithPdf(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(5);
    const n = readSync(fd, head, 0, 5, 0);
    return n === 5 && head.toString('latin1') === '%PDF-';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Why the PDF of the issue in `issueDir` must not be written at `output`, if it must not. */
export function outputProblem(output: string, issueDir: string): OutputProblem | undefined {
  const name = basename(resolve(issueDir));
  const beside = relative(process.cwd(), resolve(dirname(resolve(issueDir)), `${name}.pdf`));
  const elsewhere = t('output.elsewhere', {
    path: beside.startsWith('..') || isAbsolute(beside) ? beside : `./${beside}`,
  });
  if (/[\\/]$/.test(output))
    return {
      message: t('output.names-folder'),
      fix: t('output.give-file', { path: `${output}${basename(resolve(issueDir))}.pdf` }),
    };
  const st = lstat(output);
  if (st?.isSymbolicLink()) {
    return { message: t('output.symlink'), fix: t('output.symlink.fix') };
  }
  if (st?.isDirectory())
    return {
      message: t('output.folder'),
      fix: t('output.give-file', { path: `${output.replace(/[\\/]+$/, '')}/${basename(resolve(issueDir))}.pdf` }),
    };
  if (st && !st.isFile()) {
    const what = st.isFIFO()
      ? 'output.special.fifo'
      : st.isSocket()
        ? 'output.special.socket'
        : 'output.special.device';
    return { message: t('output.special', { what: t(what) }), fix: t('output.special.fix') };
  }
  const issue = real(issueDir);
  const target = real(output);
  if (inside(issue, target)) return { message: t('output.inside-issue', { name }), fix: elsewhere };
  if (st && st.size > 0 && !startsWithPdf(output)) {
    return { message: t('output.not-pdf'), fix: t('output.not-pdf.fix') };
  }
  // A file where a folder of the path should be.
  for (let up = dirname(resolve(output)); up !== dirname(up); up = dirname(up)) {
    const s = lstat(up);
    if (!s) continue;
    if (!s.isDirectory() && !(s.isSymbolicLink() && isDir(up)))
      return { message: t('output.file-in-path', { path: up }), fix: t('output.file-in-path.fix') };
    break;
  }
  return undefined;
}

function isDir(path: string): boolean {
  try {
    return realpathSync(path) !== '' && lstatSync(realpathSync(path)).isDirectory();
  } catch {
    return false;
  }
}
