// What a page draws besides text, read back through MuPDF's device interface: stroked
// lines (rules) and placed images, in page coordinates from the top left.
import * as mupdf from 'mupdf';

export interface Stroke {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  width: number;
  /** Stroke colour as drawn: its colour space's name and components, 0–1. */
  space: string;
  color: number[];
}

export interface PlacedImage {
  x: number;
  y: number;
  w: number;
  h: number;
  /** Pixel size of the embedded image. */
  px: [number, number];
  /** The image's colour space, as MuPDF names it (DeviceRGB, DeviceCMYK, DeviceGray…). */
  space: string;
}

export interface Drawing {
  strokes: Stroke[];
  images: PlacedImage[];
}

const apply = (m: mupdf.Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

export function drawings(doc: mupdf.PDFDocument): Drawing[] {
  const out: Drawing[] = [];
  for (let i = 0; i < doc.countPages(); i++) {
    const d: Drawing = { strokes: [], images: [] };
    const dev = new mupdf.Device({
      strokePath(path, stroke, ctm, colorspace, color) {
        const pts: [number, number][] = [];
        path.walk({
          moveTo: (x, y) => pts.push(apply(ctm, x, y)),
          lineTo: (x, y) => pts.push(apply(ctm, x, y)),
        });
        const scale = Math.hypot(ctm[0], ctm[1]);
        for (let k = 1; k < pts.length; k++) {
          d.strokes.push({
            x1: pts[k - 1][0],
            y1: pts[k - 1][1],
            x2: pts[k][0],
            y2: pts[k][1],
            width: stroke.getLineWidth() * scale,
            space: colorspace.getName(),
            color: Array.from(color),
          });
        }
      },
      fillImage(image, ctm) {
        const corners = [apply(ctm, 0, 0), apply(ctm, 1, 0), apply(ctm, 0, 1), apply(ctm, 1, 1)];
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        d.images.push({
          x: Math.min(...xs),
          y: Math.min(...ys),
          w: Math.max(...xs) - Math.min(...xs),
          h: Math.max(...ys) - Math.min(...ys),
          px: [image.getWidth(), image.getHeight()],
          space: image.getColorSpace()?.getName() ?? 'none',
        });
      },
    });
    doc.loadPage(i).run(dev, mupdf.Matrix.identity);
    dev.close();
    out.push(d);
  }
  return out;
}
