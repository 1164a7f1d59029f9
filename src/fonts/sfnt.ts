// The parts of a TrueType/OpenType (sfnt) file this project reads itself, in one place: the
// table directory, where each glyph's outline lies (head's loca format, loca, glyf), the
// components a composite glyph is built from, and the horizontal metrics. The sparse reader
// (fonts/sparse.ts) uses it to find which bytes to read; the subsetter (render/subset.ts) to
// copy the outlines and metrics a document uses. Offsets and field positions are those of the
// OpenType specification's table chapters (the offset table, 'head', 'hhea', 'hmtx', 'loca',
// 'glyf'); nothing here decodes an outline.

/** Where a table lies in the file. */
export interface TableRecord {
  offset: number;
  length: number;
}

/** Bytes before the first table record (sfntVersion, numTables, searchRange, entrySelector, rangeShift). */
export const OFFSET_TABLE_SIZE = 12;
/** Bytes per table record (tag, checksum, offset, length). */
export const TABLE_RECORD_SIZE = 16;

/** The number of tables, from the offset table at the start of `data`. */
export function tableCount(data: Buffer): number {
  return data.readUInt16BE(4);
}

/**
 * The table directory: tag → where the table lies. `data` needs to hold the offset table and
 * the records (not the tables themselves). A directory that runs past the end of `data` is
 * not a font's: said as an error naming `name` (the file).
 */
export function readTableDirectory(data: Buffer, name = 'font'): Map<string, TableRecord> {
  if (data.length < OFFSET_TABLE_SIZE) throw new Error(`${name}: not a TrueType or OpenType font (too short)`);
  const n = tableCount(data);
  if (OFFSET_TABLE_SIZE + TABLE_RECORD_SIZE * n > data.length)
    throw new Error(`${name}: not a TrueType or OpenType font (its table directory runs past the end)`);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < n; i++) {
    const rec = OFFSET_TABLE_SIZE + TABLE_RECORD_SIZE * i;
    tables.set(data.toString('latin1', rec, rec + 4), {
      offset: data.readUInt32BE(rec + 8),
      length: data.readUInt32BE(rec + 12),
    });
  }
  return tables;
}

/** Where the outlines are indexed: the loca table, and whether its offsets are long (32-bit). */
export interface LocaIndex {
  /** Offset of the loca table in the file. */
  loca: number;
  /** Offset of the glyf table in the file. */
  glyf: number;
  long: boolean;
}

/** The loca/glyf index of a TrueType font, or null for one without outlines in glyf (CFF, bitmaps). */
export function locaIndex(data: Buffer, tables: Map<string, TableRecord>): LocaIndex | null {
  const head = tables.get('head');
  const loca = tables.get('loca');
  const glyf = tables.get('glyf');
  if (!head || !loca || !glyf) return null;
  // head.indexToLocFormat: 0 short offsets (halved, 16-bit), 1 long offsets
  return { loca: loca.offset, glyf: glyf.offset, long: data.readInt16BE(head.offset + 50) === 1 };
}

/** A glyph's outline as [start, end) offsets within the glyf table (equal: no outline). */
export function glyphSpan(data: Buffer, index: LocaIndex, id: number): [number, number] {
  const at = index.loca;
  if (index.long) return [data.readUInt32BE(at + 4 * id), data.readUInt32BE(at + 4 * id + 4)];
  return [data.readUInt16BE(at + 2 * id) * 2, data.readUInt16BE(at + 2 * id + 2) * 2];
}

/** Size of a glyph's header: numberOfContours and the bounding box. */
export const GLYPH_HEADER_SIZE = 10;

/** Whether the outline at `at` is a composite glyph (numberOfContours < 0). */
export function isComposite(data: Buffer, at: number, end: number): boolean {
  return end - at >= GLYPH_HEADER_SIZE && data.readInt16BE(at) < 0;
}

// glyf component record flags
const ARG_1_AND_2_ARE_WORDS = 0x1;
const WE_HAVE_A_SCALE = 0x8;
const MORE_COMPONENTS = 0x20;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x40;
const WE_HAVE_A_TWO_BY_TWO = 0x80;

/**
 * Calls `visit` with the position of each component's glyph index in a composite glyph
 * whose outline lies at [at, end) of `data` (the caller may read or rewrite it there).
 */
export function forEachComponent(data: Buffer, at: number, end: number, visit: (idAt: number) => void): void {
  let p = at + GLYPH_HEADER_SIZE;
  let flags = MORE_COMPONENTS;
  while (flags & MORE_COMPONENTS && p + 4 <= end) {
    flags = data.readUInt16BE(p);
    visit(p + 2);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
  }
}

/** Glyph ids a composite glyph at [at, end) is built from. */
export function componentIds(data: Buffer, at: number, end: number): number[] {
  const ids: number[] = [];
  forEachComponent(data, at, end, (idAt) => ids.push(data.readUInt16BE(idAt)));
  return ids;
}

/** Horizontal metrics: hmtx holds numberOfHMetrics (advance, lsb) pairs, then bare lsbs. */
export class HorizontalMetrics {
  /** hhea.numberOfHMetrics */
  readonly count: number;
  private readonly hmtx: number;

  constructor(
    private readonly data: Buffer,
    tables: Map<string, TableRecord>,
  ) {
    const hhea = tables.get('hhea');
    const hmtx = tables.get('hmtx');
    if (!hhea || !hmtx) throw new Error('font has no horizontal metrics (hhea, hmtx)');
    this.count = data.readUInt16BE(hhea.offset + 34);
    this.hmtx = hmtx.offset;
  }

  /** A glyph's advance in font units (glyphs past the pairs repeat the last advance). */
  advance(id: number): number {
    return this.data.readUInt16BE(this.hmtx + 4 * Math.min(id, this.count - 1));
  }

  /** A glyph's left side bearing in font units. */
  lsb(id: number): number {
    return id < this.count
      ? this.data.readInt16BE(this.hmtx + 4 * id + 2)
      : this.data.readInt16BE(this.hmtx + 4 * this.count + 2 * (id - this.count));
  }
}

/** head.unitsPerEm */
export function unitsPerEm(data: Buffer, tables: Map<string, TableRecord>): number {
  const head = tables.get('head');
  if (!head) throw new Error('font has no head table');
  return data.readUInt16BE(head.offset + 18);
}
