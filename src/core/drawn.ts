// What the display list draws that earlier stages make: a glyph placed in its line (made by
// the composer) and a picture read from the issue folder (made by the source stage). They
// live here, at the bottom of the layering, so the display list — the contract between
// layout and output — and the renderer name neither the composer nor the source model.

export interface PlacedGlyph {
  font: string;
  size: number;
  color: string;
  id: number;
  /** Left edge of the glyph's advance box, relative to its atom (later: its line). */
  x: number;
  /** Advance in pt as drawn (before any trimming). */
  adv: number;
  text: string;
  /** Raised above the baseline by this many pt (superscripts). */
  rise?: number;
}

/** An image file from the issue folder, read and checked by the source stage. */
export interface ImageRef {
  /** As written in the Markdown. */
  src: string;
  /** The file, resolved (links followed). */
  path: string;
  format: 'png' | 'jpeg';
  data: Buffer;
  /** Size in pixels as the picture shows (a JPEG's EXIF rotation applied). */
  width: number;
  height: number;
  /** Resolution the file records, if any. */
  dpi?: number;
}
