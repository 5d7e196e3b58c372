/** What the IHDR chunk of a PNG says about the image. */
export interface PngHeader {
  width: number;
  height: number;
  /** True when the colour type carries an alpha channel (greyscale+alpha or RGBA). */
  hasAlpha: boolean;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Reads a PNG's dimensions and whether it has an alpha channel from its header alone, so icon sizes can be checked
 * without an image library. Throws when the bytes are not a PNG.
 */
export function readPngHeader(png: Buffer): PngHeader {
  // Signature (8 bytes), then the IHDR chunk: length (4), type (4), width (4), height (4), bit depth, colour type.
  if (png.length < 26 || !png.subarray(0, 8).equals(PNG_SIGNATURE) || png.toString('ascii', 12, 16) !== 'IHDR') {
    throw new Error('not a PNG file');
  }
  const colourType = png[25];
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), hasAlpha: colourType === 4 || colourType === 6 };
}
