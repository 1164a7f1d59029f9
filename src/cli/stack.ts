// A stack trace that names the project's files. The command runs from one minified bundle
// (scripts/bundle.mjs), whose frames read `lib/bulletin.cjs:1:48213`; the bundle's source map,
// written beside it, turns each such frame back into the compiled file, line and column under
// lib/ (and node_modules/). Read only when an internal error is reported: a build never pays.
import { readFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { dirname, join, relative } from 'node:path';

const FRAME = /([^\s()]*bulletin\.cjs):(\d+):(\d+)/g;

/** `stack` with the bundle's frames mapped back; as it was when there is no map to read. */
export function readableStack(stack: string): string {
  const maps = new Map<string, SourceMap | null>();
  return stack.replace(FRAME, (frame, file: string, line: string, col: string) => {
    let map = maps.get(file);
    if (map === undefined) {
      try {
        map = new SourceMap(
          JSON.parse(readFileSync(`${file}.map`, 'utf8')) as ConstructorParameters<typeof SourceMap>[0],
        );
      } catch {
        map = null;
      }
      maps.set(file, map);
    }
    // (frames count lines and columns from 1, the map from 0)
    const found = map?.findEntry(Number(line) - 1, Number(col) - 1);
    const entry = found && 'originalSource' in found ? found : undefined;
    if (!entry?.originalSource) return frame;
    const source = entry.originalSource.startsWith('file:')
      ? new URL(entry.originalSource).pathname
      : entry.originalSource;
    const shown = relative(join(dirname(file), '..'), join(dirname(file), source));
    return `${shown}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
