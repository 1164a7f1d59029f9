// The parts of a CIDFont's dictionaries that follow from the CIDs in use alone: the widths
// array and the ToUnicode CMap. CIDs are sparse (a glyph drawn as itself is its glyph id:
// subset.ts), so both list the CIDs in use rather than every CID up to the largest.

/** The width a CID not listed in W has: a full em, which most Han glyphs are. */
export const DEFAULT_WIDTH = 1000;

/**
 * A CIDFont's W array for `cids` (ascending): each run of consecutive CIDs whose width is not
 * DEFAULT_WIDTH as `first [w w …]`.
 */
export function widthsArray(cids: readonly number[], widthOf: (cid: number) => number): (number | number[])[] {
  const out: (number | number[])[] = [];
  let run: number[] | undefined;
  let next = -1;
  for (const cid of cids) {
    const w = widthOf(cid);
    if (w === DEFAULT_WIDTH) {
      run = undefined;
      continue;
    }
    if (!run || cid !== next) {
      run = [];
      out.push(cid, run);
    }
    run.push(w);
    next = cid + 1;
  }
  return out;
}

/** Entries per bfchar block: the CMap format allows no more than 100. */
const BLOCK = 100;

const hex4 = (v: number): string => v.toString(16).padStart(4, '0');

/** UTF-16BE of code points, as the hex digits a CMap writes them in. */
function utf16(codes: readonly number[]): string {
  let s = '';
  for (const c of codes) {
    if (c > 0xffff) {
      const v = c - 0x10000;
      s += hex4(0xd800 | (v >>> 10)) + hex4(0xdc00 | (v & 0x3ff));
    } else s += hex4(c);
  }
  return s;
}

/** The ToUnicode CMap mapping each of `cids` (ascending) to the text it copies as. */
export function toUnicodeCMap(cids: readonly number[], textOf: (cid: number) => readonly number[]): string {
  const blocks: string[] = [];
  for (let i = 0; i < cids.length; i += BLOCK) {
    const part = cids.slice(i, i + BLOCK);
    blocks.push(
      `${part.length} beginbfchar\n${part.map((c) => `<${hex4(c)}> <${utf16(textOf(c))}>`).join('\n')}\nendbfchar`,
    );
  }
  return `/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo <<
  /Registry (Adobe)
  /Ordering (UCS)
  /Supplement 0
>> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<0000> <ffff>
endcodespacerange
${blocks.join('\n')}
endcmap
CMapName currentdict /CMap defineresource pop
end
end`;
}
