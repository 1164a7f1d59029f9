// File watching with Node's own fs.watch, one watch per folder (not per file): an editor's
// atomic save — write a temporary file, rename it over the old one — replaces the file's
// inode, which a watch on the file itself would lose; the folder sees the rename. Folders
// are rescanned when entries appear or vanish, so a new images/ folder is watched too.
import { existsSync, readdirSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';

export interface WatchTarget {
  dir: string;
  /** Its subfolders too (hidden ones and node_modules excepted). */
  recursive: boolean;
  /** Only these names count (fonts/ holds fonts.yaml among much else). */
  accept?: (name: string) => boolean;
}

/** Editors' temporary and backup files: never an input, so never a reason to rebuild. */
export function isNoise(name: string): boolean {
  return (
    name.startsWith('.') ||
    name.endsWith('~') ||
    /\.(sw[a-p]|sw[a-p]x|tmp|temp|crswap|bak|orig)$/i.test(name) ||
    /^#.*#$/.test(name) ||
    /___jb_(tmp|old)___$/.test(name) ||
    name === '4913' // vim's probe for a writable folder
  );
}

const MAX_FOLDERS = 2000;

export class FileWatcher {
  private readonly watchers = new Map<string, FSWatcher>();
  private rescanTimer: NodeJS.Timeout | null = null;
  private closed = false;
  private started = false;

  constructor(
    private readonly targets: WatchTarget[],
    private readonly onChange: (file: string) => void,
  ) {}

  start(): void {
    this.rescan();
  }

  /** Folders watched now (for tests and the log). */
  get folders(): string[] {
    return [...this.watchers.keys()];
  }

  close(): void {
    this.closed = true;
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    for (const w of this.watchers.values()) w.close();
    this.watchers.clear();
  }

  private rescan(): void {
    if (this.closed) return;
    const wanted = new Map<string, WatchTarget>();
    let missing = false;
    for (const t of this.targets) {
      if (!existsSync(t.dir)) {
        missing = true;
        continue;
      }
      for (const d of t.recursive ? folders(t.dir) : [t.dir]) if (!wanted.has(d)) wanted.set(d, t);
    }
    for (const [dir, w] of this.watchers) {
      if (!wanted.has(dir)) {
        w.close();
        this.watchers.delete(dir);
      }
    }
    for (const [dir, target] of wanted) {
      if (this.watchers.has(dir)) continue;
      this.add(dir, target);
      // What was written into a new folder before its watch began is seen by the build this asks for.
      if (this.started) this.onChange(dir);
    }
    this.started = true;
    // A folder renamed away (or not made yet) is looked for again until it is back.
    if (missing) this.later(1000);
  }

  private later(ms: number): void {
    if (this.closed || this.rescanTimer) return;
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = null;
      this.rescan();
    }, ms);
  }

  private add(dir: string, target: WatchTarget): void {
    let w: FSWatcher;
    try {
      w = watch(dir, { persistent: true }, (event, name) => {
        const n = name?.toString();
        if (n && (isNoise(n) || (target.accept && !target.accept(n)))) return;
        // A rename is an entry appearing or vanishing: maybe a folder to (un)watch.
        if (event === 'rename' && target.recursive) this.later(50);
        this.onChange(n ? join(dir, n) : dir);
      });
    } catch {
      this.later(1000);
      return;
    }
    w.on('error', () => {
      // The folder went away under the watch (deleted, or renamed on some systems).
      w.close();
      if (this.watchers.get(dir) === w) this.watchers.delete(dir);
      this.later(200);
    });
    this.watchers.set(dir, w);
  }
}

/** A folder and its subfolders, hidden ones and node_modules left out. */
function folders(root: string): string[] {
  const out = [root];
  for (let i = 0; i < out.length && out.length < MAX_FOLDERS; i++) {
    let entries;
    try {
      entries = readdirSync(out[i], { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries) {
      if (e.isDirectory() && !e.name.startsWith('.') && e.name !== 'node_modules') out.push(join(out[i], e.name));
    }
  }
  return out;
}
