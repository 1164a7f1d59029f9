// Fonts found by family name: the office's own in fonts/local/, then the system's (fontconfig's
// list where there is one, else the usual font folders). Only a font file's header and name
// table are read, so a look through a few hundred system fonts costs milliseconds.
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, realpathSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, extname, join } from 'node:path';
import { OFFSET_TABLE_SIZE, readTableDirectory, TABLE_RECORD_SIZE, tableCount } from './sfnt.js';

export interface FoundFont {
  /** Family names, every language the name table holds (仿宋_GB2312 and FangSong_GB2312). */
  families: string[];
  style: string;
  file: string;
  /** truetype: outlines bulletin can embed; cff and collections it cannot yet. */
  format: 'truetype' | 'cff' | 'collection' | 'unreadable';
  where: 'local' | 'system';
}

/** Folders fonts are installed in, when there is no fontconfig to ask. */
function systemFolders(): string[] {
  const home = homedir();
  return [
    '/usr/share/fonts',
    '/usr/local/share/fonts',
    join(home, '.local', 'share', 'fonts'),
    join(home, '.fonts'),
    '/Library/Fonts',
    '/System/Library/Fonts',
    join(home, 'Library', 'Fonts'),
    'C:\\Windows\\Fonts',
  ];
}

const FONT_EXT = new Set(['.ttf', '.otf', '.ttc', '.otc']);

function walk(dir: string, depth: number, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return;
  }
  for (const n of names.sort()) {
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue;
    }
    if (st.isDirectory() && depth > 0) walk(p, depth - 1, out);
    else if (st.isFile() && FONT_EXT.has(extname(n).toLowerCase())) out.push(p);
  }
}

function readAt(fd: number, offset: number, length: number): Buffer {
  const b = Buffer.alloc(length);
  const got = readSync(fd, b, 0, length, offset);
  return got === length ? b : b.subarray(0, got);
}

/** A font file's family names, style and outline format, from its name table. */
export function describeFont(file: string, where: FoundFont['where']): FoundFont {
  const found: FoundFont = { families: [], style: '', file, format: 'unreadable', where };
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    let head = readAt(fd, 0, 12);
    let at = 0;
    const tag = head.toString('latin1', 0, 4);
    if (tag === 'ttcf') {
      found.format = 'collection';
      at = readAt(fd, 12, 4).readUInt32BE(0);
      head = readAt(fd, at, 12);
    }
    const tables = readTableDirectory(readAt(fd, at, OFFSET_TABLE_SIZE + TABLE_RECORD_SIZE * tableCount(head)), file);
    const name = tables.get('name');
    const glyf = tables.has('glyf');
    if (found.format !== 'collection') found.format = glyf ? 'truetype' : 'cff';
    if (name) {
      const nt = readAt(fd, name.offset, name.length);
      const count = nt.readUInt16BE(2);
      const strings = nt.readUInt16BE(4);
      const families = new Set<string>();
      let style = '';
      for (let i = 0; i < count; i++) {
        const r = 6 + 12 * i;
        const platform = nt.readUInt16BE(r);
        const id = nt.readUInt16BE(r + 6);
        if (id !== 1 && id !== 2 && id !== 16 && id !== 17) continue;
        const len = nt.readUInt16BE(r + 8);
        const off = strings + nt.readUInt16BE(r + 10);
        const raw = nt.subarray(off, off + len);
        let s: string;
        if (platform === 3 || platform === 0) s = raw.length % 2 ? '' : Buffer.from(raw).swap16().toString('utf16le');
        else if (platform === 1 && nt.readUInt16BE(r + 2) === 0) s = raw.toString('latin1');
        else continue;
        s = s.replace(/\0/g, '').trim();
        if (!s) continue;
        if (id === 1 || id === 16) families.add(s);
        else if (!style || id === 17) style = s;
      }
      found.families = [...families];
      found.style = style;
    }
  } catch {
    found.format = 'unreadable';
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  return found;
}

const described = new Map<string, { stamp: string; font: FoundFont }>();

function describeCached(file: string, where: FoundFont['where']): FoundFont {
  let stamp: string;
  try {
    const st = statSync(file);
    stamp = `${st.size}:${st.mtimeMs}`;
  } catch {
    return { families: [], style: '', file, format: 'unreadable', where };
  }
  const kept = described.get(file);
  if (kept && kept.stamp === stamp) return kept.font;
  const font = describeFont(file, where);
  described.set(file, { stamp, font });
  return font;
}

/** The fonts in a folder (fonts/local/), read from their name tables. */
export function fontsIn(dir: string, where: FoundFont['where'] = 'local'): FoundFont[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  walk(dir, 3, files);
  return files.map((f) => describeCached(f, where));
}

let system: FoundFont[] | undefined;

function realOrSelf(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return file;
  }
}

/** Bumped when the cache's shape or what a scan finds changes meaning. */
const SCAN_FORMAT = 1;

/**
 * What a system scan depends on: the font folders (every folder under the usual ones, and
 * each folder a font was found in) and fontconfig's configuration, each with its date (-1
 * where it is absent, so that creating it counts as a change). Installing or removing a font
 * changes the date of the folder it goes into; a new folder changes its parent's.
 */
function scanInputs(files: readonly string[]): Record<string, number> {
  const home = homedir();
  const paths = new Set<string>(['/etc/fonts', '/etc/fonts/conf.d', join(home, '.config', 'fontconfig'), join(home, '.config', 'fontconfig', 'conf.d')]);
  const folders = (dir: string, depth: number): void => {
    paths.add(dir);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    if (depth === 0) return;
    for (const n of names) {
      const p = join(dir, n);
      try {
        if (statSync(p).isDirectory()) folders(p, depth - 1);
      } catch {
        // gone meanwhile: its parent's date says so
      }
    }
  };
  for (const d of systemFolders()) folders(d, 4);
  for (const f of files) paths.add(dirname(f));
  const out: Record<string, number> = {};
  for (const p of [...paths].sort()) out[p] = mtimeOf(p);
  return out;
}

function mtimeOf(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return -1;
  }
}

interface ScanCache {
  format: number;
  inputs: Record<string, number>;
  fonts: (FoundFont & { stamp: string })[];
}

/**
 * The last scan, when nothing it depended on has changed since: every folder and
 * configuration file at the date it had, every font file at its size and date. Only then is
 * it what a new scan would find; anything else reads as no cache.
 */
export function cachedScan(cacheFile: string): FoundFont[] | undefined {
  let c: ScanCache;
  try {
    c = JSON.parse(readFileSync(cacheFile, 'utf8')) as ScanCache;
  } catch {
    return undefined;
  }
  if (c?.format !== SCAN_FORMAT || !c.inputs || !Array.isArray(c.fonts)) return undefined;
  for (const [p, mtime] of Object.entries(c.inputs)) if (mtimeOf(p) !== mtime) return undefined;
  const fonts: FoundFont[] = [];
  for (const { stamp, ...font } of c.fonts) {
    let now: string;
    try {
      const st = statSync(font.file);
      now = `${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
    if (now !== stamp) return undefined;
    described.set(font.file, { stamp, font });
    fonts.push(font);
  }
  return fonts;
}

function saveScan(cacheFile: string, fonts: FoundFont[]): void {
  const c: ScanCache = {
    format: SCAN_FORMAT,
    inputs: scanInputs(fonts.map((f) => f.file)),
    fonts: fonts.map((f) => ({ ...f, stamp: described.get(f.file)?.stamp ?? '' })),
  };
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(c));
    renameSync(tmp, cacheFile);
  } catch {
    // a read-only install scans every time; nothing else changes
  }
}

/**
 * The system's fonts: fontconfig's list of files where fc-list runs, else the usual folders.
 * Read once per process (`refresh` to read again). With a cache file, a scan is kept on disk
 * and reused while the folders and files it saw are unchanged (a build that needs a family
 * name then starts no fc-list process: ~25 ms of a 0.5 s cold build); what it returns is the
 * same either way.
 */
export function systemFonts(refresh = false, cacheFile?: string): FoundFont[] {
  if (system && !refresh) return system;
  if (cacheFile && !refresh) {
    const kept = cachedScan(cacheFile);
    if (kept) return (system = kept);
  }
  let files: string[] = [];
  try {
    // (child_process loaded only here: ~3 ms at start-up, and a build that finds the scan
    // kept on disk never spawns)
    const { execFileSync } = createRequire(import.meta.url)('node:child_process') as typeof import('node:child_process');
    const out = execFileSync('fc-list', ['--format', '%{file}\n'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 });
    files = out.split('\n').filter((f) => f && FONT_EXT.has(extname(f).toLowerCase()));
  } catch {
    for (const d of systemFolders()) walk(d, 4, files);
  }
  // One entry per file: links (Debian's alternatives) are followed to the file they name.
  const real = [...new Set(files.map(realOrSelf))].sort();
  system = real.map((f) => describeCached(f, 'system'));
  if (cacheFile) saveScan(cacheFile, system);
  return system;
}

const norm = (s: string) => s.toLowerCase().replace(/[\s_-]+/g, '');

const REGULAR = /^(regular|book|normal|roman|medium|w3|w4|常规|标准)$/i;

/**
 * The first usable font of the first family name that is installed: fonts/local/ before the
 * system; of a family's files, its regular style. Fonts bulletin cannot embed (CFF outlines,
 * collections) are passed over.
 */
export function findFamily(names: readonly string[], localDir: string, searchSystem = true, cacheFile?: string): FoundFont | undefined {
  const pools = [fontsIn(localDir), ...(searchSystem ? [systemFonts(false, cacheFile)] : [])];
  for (const name of names) {
    const want = norm(name);
    for (const pool of pools) {
      const hits = pool.filter((f) => f.format === 'truetype' && f.families.some((fam) => norm(fam) === want));
      if (hits.length) return hits.find((f) => REGULAR.test(f.style)) ?? hits[0];
    }
  }
  return undefined;
}
