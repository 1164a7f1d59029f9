// What the print shop asks for beyond the pages: a CMYK output profile to name the printing
// condition (PDF/X-4's output intent), the trim and bleed boxes, and crop marks.
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, join } from 'node:path';
import { identificationXmp } from './xmp.js';

export const MM = 72 / 25.4;
/** The bleed print shops ask for, each side of the trimmed page. */
export const BLEED = 3 * MM;
/** Crop marks start this far from the trim (outside the bleed) and are this long. */
const MARK_OFFSET = BLEED;
const MARK_LENGTH = 5 * MM;
/** The paper added each side of the trimmed page to hold the bleed and the marks. */
export const SLUG = MARK_OFFSET + MARK_LENGTH + 2 * MM;

export interface OutputProfile {
  path: string;
  data: Buffer;
  /** The profile's own description (its 'desc' tag), naming the printing condition. */
  description: string;
}

function profileFolders(root: string): string[] {
  const home = homedir();
  return [
    join(root, 'profiles'),
    '/usr/share/color/icc',
    '/usr/local/share/color/icc',
    join(home, '.local', 'share', 'color', 'icc'),
    '/Library/ColorSync/Profiles',
    'C:\\Windows\\System32\\spool\\drivers\\color',
  ];
}

function files(dir: string, depth: number, out: string[]): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const n of names) {
    const p = join(dir, n);
    try {
      const st = statSync(p);
      if (st.isDirectory() && depth > 0) files(p, depth - 1, out);
      else if (st.isFile() && ['.icc', '.icm'].includes(extname(n).toLowerCase())) out.push(p);
    } catch {
      // unreadable: passed over
    }
  }
}

/** Whether an ICC file is an output (printer) profile for CMYK, from its 128-byte header. */
function isCmykOutput(path: string): boolean {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const head = Buffer.alloc(20);
    if (readSync(fd, head, 0, 20, 0) < 20) return false;
    return head.toString('latin1', 12, 16) === 'prtr' && head.toString('latin1', 16, 20) === 'CMYK';
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function description(data: Buffer): string {
  const count = data.readUInt32BE(128);
  for (let i = 0; i < count; i++) {
    const at = 132 + 12 * i;
    if (data.toString('latin1', at, at + 4) !== 'desc') continue;
    const off = data.readUInt32BE(at + 4);
    const type = data.toString('latin1', off, off + 4);
    if (type === 'desc') {
      const len = data.readUInt32BE(off + 8);
      return data
        .toString('latin1', off + 12, off + 12 + len)
        .replace(/\0.*$/s, '')
        .trim();
    }
    if (type === 'mluc') {
      const size = data.readUInt32BE(off + 20);
      const start = data.readUInt32BE(off + 24);
      return Buffer.from(data.subarray(off + start, off + start + size))
        .swap16()
        .toString('utf16le')
        .trim();
    }
  }
  return 'CMYK';
}

/**
 * The CMYK output profile for --cmyk: the project's profiles/ folder first (the print shop's
 * own, e.g. ISOcoated_v2_eci.icc), then the system's colour profiles; null when there is none.
 */
export function findCmykProfile(root: string): OutputProfile | null {
  for (const dir of profileFolders(root)) {
    if (!existsSync(dir)) continue;
    const found: string[] = [];
    files(dir, 3, found);
    const path = found.find(isCmykOutput);
    if (path) {
      const data = readFileSync(path);
      return { path, data, description: description(data) };
    }
  }
  return null;
}

/** Crop marks around a trimmed page at (x, y) of size w × h (pdfkit's top-left coordinates). */
export function cropMarks(x: number, y: number, w: number, h: number): [number, number, number, number][] {
  const out: [number, number, number, number][] = [];
  for (const [cx, sx] of [
    [x, -1],
    [x + w, 1],
  ] as const) {
    for (const [cy, sy] of [
      [y, -1],
      [y + h, 1],
    ] as const) {
      out.push([cx + sx * MARK_OFFSET, cy, cx + sx * (MARK_OFFSET + MARK_LENGTH), cy]); // along the top or foot edge's line
      out.push([cx, cy + sy * MARK_OFFSET, cx, cy + sy * (MARK_OFFSET + MARK_LENGTH)]); // along the side's line
    }
  }
  return out;
}

/** PDF/X-4's identification in the XMP, with its PDF/A extension-schema description. */
export const PDFX_XMP =
  identificationXmp({
    namespace: 'http://www.npes.org/pdfx/ns/id/',
    prefix: 'pdfxid',
    property: 'GTS_PDFXVersion',
    value: 'PDF/X-4',
    valueType: 'Text',
    schema: 'PDF/X ID Schema',
    description: 'The PDF/X version the file conforms to',
  }) +
  `<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
            <pdf:Trapped>False</pdf:Trapped>
        </rdf:Description>
        `;
