// Why a file could not be written or read, in the reader's words: the system's error codes
// the catalogue explains, and the system's own message for a cause not foreseen.
import { t, type Lang } from '../core/text.js';

const WHY = new Set(['EACCES', 'EISDIR', 'ENOTDIR', 'ENOENT', 'ENOSPC', 'EROFS', 'EBUSY', 'EEXIST', 'EPIPE']);

export function why(err: NodeJS.ErrnoException, lang: Lang): string {
  const code = err.code === 'EPERM' ? 'EACCES' : (err.code ?? '');
  return WHY.has(code) ? t(`cli.why.${code}`).in(lang) : err.message;
}
