// The text block's geometry, apart from the options it is derived from (template/model.ts
// frameOf): the stages that place things on the grid need only this, and a construct's
// module (src/constructs/), which the options table takes in, can name the flow's types
// without a cycle through the options.
/** Text block geometry derived from the template: the grid every body line sits on. */
export interface Frame {
  /** Left edge on odd pages (and on every page when the block does not move). */
  left: number;
  top: number;
  width: number;
  height: number;
  /** Line pitch: baseline to baseline of body lines. */
  pitch: number;
  lines: number;
  /** Character pitch: how far one body character advances (the body size, unless the block is divided into chars). */
  charPitch: number;
  /** How far even pages' content moves right (margins: inside and outside swap sides). */
  evenShift: number;
}
