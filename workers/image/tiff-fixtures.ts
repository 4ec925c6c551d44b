// Test files libvips cannot write itself: baseline TIFFs laid out as cameras and scanners write
// them (directory first, pixels after it), in RGB or one of TIFF's Lab encodings, so that a test
// can cut them short, point a strip past the end, or ask for a colour space sharp never writes.

/** TIFF's Photometric tag: 2 RGB, 8 CIELAB, 9 ICC Lab. */
export type Photometric = 2 | 8 | 9;

export interface TiffLayout {
  data: Buffer;
  /** Where each strip's pixels start. */
  stripOffsets: number[];
  /** Where the StripOffsets array itself sits, to point a strip elsewhere. */
  stripOffsetsAt: number;
}

export interface TiffOptions {
  photometric?: Photometric;
  bits?: 8 | 16;
  rowsPerStrip?: number;
  /** The three samples of every pixel, as stored; a textured gradient by default. */
  pixel?: (x: number, y: number) => [number, number, number];
}

const gradient =
  (width: number, height: number) =>
  (x: number, y: number): [number, number, number] => [
    Math.round((200 * x) / width) + 30,
    (Math.round((120 * y) / height) + (x % 7)) & 0xff,
    (x + y) & 0xff,
  ];

/** An uncompressed TIFF of three samples per pixel, `rowsPerStrip` rows per strip. */
export function baselineTiff(width: number, height: number, options: TiffOptions = {}): TiffLayout {
  const { photometric = 2, bits = 8, rowsPerStrip = 16, pixel = gradient(width, height) } = options;
  const bytesPerSample = bits / 8;
  const strips = Math.ceil(height / rowsPerStrip);
  const stripBytes = (s: number) => Math.min(rowsPerStrip, height - s * rowsPerStrip) * width * 3 * bytesPerSample;
  const entries = 11;
  const bitsAt = 8 + 2 + entries * 12 + 4;
  const offsetsAt = bitsAt + 6;
  const countsAt = offsetsAt + 4 * strips;
  const stripOffsets: number[] = [];
  let end = countsAt + 4 * strips;
  for (let s = 0; s < strips; s++) {
    stripOffsets.push(end);
    end += stripBytes(s);
  }
  const data = Buffer.alloc(end);
  data.write('II', 0, 'latin1');
  data.writeUInt16LE(42, 2);
  data.writeUInt32LE(8, 4);
  data.writeUInt16LE(entries, 8);
  let p = 10;
  const entry = (tag: number, type: 3 | 4, count: number, value: number) => {
    data.writeUInt16LE(tag, p);
    data.writeUInt16LE(type, p + 2);
    data.writeUInt32LE(count, p + 4);
    if (type === 3 && count === 1) data.writeUInt16LE(value, p + 8);
    else data.writeUInt32LE(value, p + 8);
    p += 12;
  };
  entry(256, 3, 1, width);
  entry(257, 3, 1, height);
  entry(258, 3, 3, bitsAt);
  entry(259, 3, 1, 1);
  entry(262, 3, 1, photometric);
  entry(273, 4, strips, offsetsAt);
  entry(277, 3, 1, 3);
  entry(278, 3, 1, rowsPerStrip);
  entry(279, 4, strips, countsAt);
  entry(284, 3, 1, 1);
  entry(296, 3, 1, 1);
  data.writeUInt32LE(0, p);
  for (let i = 0; i < 3; i++) data.writeUInt16LE(bits, bitsAt + 2 * i);
  for (let s = 0; s < strips; s++) {
    data.writeUInt32LE(stripOffsets[s]!, offsetsAt + 4 * s);
    data.writeUInt32LE(stripBytes(s), countsAt + 4 * s);
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const samples = pixel(x, y);
      for (let c = 0; c < 3; c++) {
        const at = stripOffsets[0]! + ((y * width + x) * 3 + c) * bytesPerSample;
        if (bits === 8) data[at] = samples[c]! & 0xff;
        else data.writeUInt16LE(samples[c]! & 0xffff, at);
      }
    }
  }
  return { data, stripOffsets, stripOffsetsAt: offsetsAt };
}
