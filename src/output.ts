// Where the PDF may go. The build writes only what it owns: a new file, or an earlier PDF,
// never a source of the issue, a link, a folder, a device or a file that is not a PDF.
import { closeSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';

export interface OutputProblem {
  message: string;
  fix: string;
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
  const elsewhere = `write it outside the issue folder, e.g. -o ${beside.startsWith('..') || isAbsolute(beside) ? beside : `./${beside}`}`;
  if (/[\\/]$/.test(output)) return { message: 'this names a folder, not a file', fix: `give a file name, e.g. -o ${output}${basename(resolve(issueDir))}.pdf` };
  const st = lstat(output);
  if (st?.isSymbolicLink()) {
    return { message: 'this is a symbolic link: writing the PDF (a new file renamed into place) would replace the link', fix: 'give the path of the file it points to, or remove the link' };
  }
  if (st?.isDirectory()) return { message: 'this is a folder, not a file', fix: `give a file name, e.g. -o ${output.replace(/[\\/]+$/, '')}/${basename(resolve(issueDir))}.pdf` };
  if (st && !st.isFile()) {
    const what = st.isFIFO() ? 'a FIFO (named pipe)' : st.isSocket() ? 'a socket' : 'a device';
    return { message: `this is ${what}, not a file`, fix: 'give the name of an ordinary file; -o - writes the PDF to standard output' };
  }
  const issue = real(issueDir);
  const target = real(output);
  if (inside(issue, target)) return { message: `this is inside the issue folder ${name}: the build never writes among the issue's sources`, fix: elsewhere };
  if (st && st.size > 0 && !startsWithPdf(output)) {
    return { message: 'this file exists and is not a PDF: it is not replaced', fix: 'remove it first if it is to go, or choose another name' };
  }
  // A file where a folder of the path should be.
  for (let up = dirname(resolve(output)); up !== dirname(up); up = dirname(up)) {
    const s = lstat(up);
    if (!s) continue;
    if (!s.isDirectory() && !(s.isSymbolicLink() && isDir(up))) return { message: `${up} is a file, so nothing can be written under it`, fix: 'choose another place with -o' };
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
