// Pictures: their size from the file's resolution, scaled into the measure and the template's
// tallest, JPEG rotation honoured, one copy embedded however often used.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as mupdf from 'mupdf';
import { describe, expect, it } from 'vitest';
import { build } from '../../src/index.js';
import { copyIssue, ROOT } from '../helpers/build.js';
import { drawings } from '../helpers/drawing.js';

const FIXTURE = join(ROOT, 'tests', 'fixtures', 'all-constructs');

/** The JPEG with an EXIF block saying "turn a quarter clockwise to show" (orientation 6). */
function rotated(jpeg: Buffer): Buffer {
  const tiff = Buffer.alloc(26);
  tiff.write('MM', 0, 'latin1');
  tiff.writeUInt16BE(42, 2);
  tiff.writeUInt32BE(8, 4);
  tiff.writeUInt16BE(1, 8); // one entry
  tiff.writeUInt16BE(0x0112, 10); // Orientation
  tiff.writeUInt16BE(3, 12); // SHORT
  tiff.writeUInt32BE(1, 14);
  tiff.writeUInt16BE(6, 18);
  const body = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff]);
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), app1, body, jpeg.subarray(2)]);
}

/** A grey PNG of w × h pixels with no recorded resolution. */
function png(w: number, h: number): Buffer {
  const pm = new mupdf.Pixmap(mupdf.ColorSpace.DeviceGray, [0, 0, w, h], false);
  pm.clear(180);
  return Buffer.from(pm.asPNG());
}

describe('figures', async () => {
  const dir = copyIssue(FIXTURE);
  const images = join(dir, 'images');
  writeFileSync(join(images, 'turned.jpg'), rotated(readFileSync(join(images, 'photo.jpg'))));
  writeFileSync(join(images, 'wide.png'), png(3000, 500));
  writeFileSync(join(images, 'high.png'), png(400, 4000));
  rmSync(join(dir, 'articles'), { recursive: true });
  mkdirSync(join(dir, 'articles'));
  writeFileSync(
    join(dir, 'articles', '01-tu.md'),
    [
      '---',
      'title: 图片测试',
      '---',
      '',
      '![图1 原大](images/chart.png)',
      '',
      '![图2 旋转](images/turned.jpg)',
      '',
      '![图3 太宽](images/wide.png)',
      '',
      '![图4 太高](images/high.png)',
      '',
      '![图5 再用一次](images/photo.jpg)',
      '',
      '![图6 又用一次](images/photo.jpg)',
      '',
    ].join('\n'),
  );
  const result = await build(dir, { root: ROOT });
  const doc = mupdf.Document.openDocument(result.pdf, 'application/pdf') as mupdf.PDFDocument;
  const placed = drawings(doc).flatMap((d) => d.images);

  it('builds without warnings', () => expect(result.diagnostics).toEqual([]));

  it('sets a picture at the size its resolution gives', () => {
    // 360 × 200 pixels at 144 dpi: 180 × 100 pt
    expect(placed[0].w).toBeCloseTo(180, 1);
    expect(placed[0].h).toBeCloseTo(100, 1);
  });

  it('turns a JPEG as its EXIF orientation says', () => {
    // 320 × 200 stored, shown turned: 200 wide, 320 high (at 96 dpi)
    expect(placed[1].w).toBeCloseTo(150, 0);
    expect(placed[1].h).toBeCloseTo(240, 0);
  });

  it("scales a picture down to the text width, and to the template's tallest", () => {
    expect(placed[2].w).toBeCloseTo(456, 0);
    expect(placed[2].w / placed[2].h).toBeCloseTo(6, 2);
    expect(placed[3].h).toBeCloseTo(0.7 * 31 * 22, 0);
    expect(placed[3].w / placed[3].h).toBeCloseTo(0.1, 3);
  });

  it('embeds a picture used twice once', () => {
    expect(placed).toHaveLength(6);
    const jpegs = result.pdf.toString('latin1').match(/\/DCTDecode/g) ?? [];
    expect(jpegs).toHaveLength(2); // photo.jpg and turned.jpg
  });
});
