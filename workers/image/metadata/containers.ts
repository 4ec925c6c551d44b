// Walkers over the structure of each container Pixmill writes: JPEG marker segments, PNG chunks,
// WebP's RIFF chunks and ISO base media boxes (HEIF/AVIF, the JPEG XL container). Every length
// is checked against the file before it is used: a damaged file throws ContainerUnreadable.

/** The container could not be walked: what it holds cannot be found. */
export class ContainerUnreadable extends Error {}

export function need(data: Buffer, at: number, length: number): void {
  if (!Number.isInteger(at) || at < 0 || length < 0 || at + length > data.length)
    throw new ContainerUnreadable(`the file ends inside a structure at byte ${at}`);
}

export interface JpegSegment {
  marker: number;
  start: number;
  end: number;
}

/** The marker segments before the first scan (after it comes entropy-coded data). */
export function jpegSegments(data: Buffer): JpegSegment[] {
  if (data[0] !== 0xff || data[1] !== 0xd8) throw new ContainerUnreadable('no JPEG start marker');
  const segments: JpegSegment[] = [];
  for (let at = 2; ; ) {
    need(data, at, 4);
    if (data[at] !== 0xff) throw new ContainerUnreadable(`no JPEG marker at byte ${at}`);
    const marker = data[at + 1]!;
    // 0xFF fill bytes may pad between segments.
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return segments;
    const end = at + 2 + data.readUInt16BE(at + 2);
    need(data, at, end - at);
    segments.push({ marker, start: at, end });
    at = end;
  }
}

export interface PngChunk {
  type: string;
  start: number;
  end: number;
}

export function pngChunks(data: Buffer): PngChunk[] {
  const chunks: PngChunk[] = [];
  for (let at = 8; ; ) {
    need(data, at, 12);
    const type = data.toString('latin1', at + 4, at + 8);
    const end = at + 12 + data.readUInt32BE(at);
    need(data, at, end - at);
    chunks.push({ type, start: at, end });
    if (type === 'IEND') return chunks;
    at = end;
  }
}

export interface RiffChunk {
  type: string;
  start: number;
  /** The end of the chunk's data, before the pad byte that rounds an odd size up. */
  dataEnd: number;
  end: number;
}

export function webpChunks(data: Buffer): RiffChunk[] {
  need(data, 0, 12);
  if (data.toString('latin1', 0, 4) !== 'RIFF' || data.toString('latin1', 8, 12) !== 'WEBP')
    throw new ContainerUnreadable('not a RIFF WebP file');
  const chunks: RiffChunk[] = [];
  const riffEnd = Math.min(data.length, 8 + data.readUInt32LE(4));
  for (let at = 12; at + 8 <= riffEnd; ) {
    const size = data.readUInt32LE(at + 4);
    const dataEnd = at + 8 + size;
    need(data, at, dataEnd - at);
    const end = Math.min(dataEnd + (size & 1), riffEnd);
    chunks.push({ type: data.toString('latin1', at, at + 4), start: at, dataEnd, end });
    at = end;
  }
  return chunks;
}

export interface Box {
  type: string;
  start: number;
  /** Where the contents start, after the size and type (and the 64-bit size, when used). */
  body: number;
  end: number;
}

/** ISO base media boxes in data[from, to). */
export function boxesIn(data: Buffer, from: number, to: number): Box[] {
  const boxes: Box[] = [];
  for (let at = from; at < to; ) {
    need(data, at, 8);
    let size = data.readUInt32BE(at);
    let body = at + 8;
    if (size === 1) {
      need(data, at, 16);
      size = Number(data.readBigUInt64BE(at + 8));
      body = at + 16;
    } else if (size === 0) size = to - at;
    const end = at + size;
    if (size < body - at || end > to) throw new ContainerUnreadable(`a box at byte ${at} reaches past its parent`);
    boxes.push({ type: data.toString('latin1', at + 4, at + 8), start: at, body, end });
    at = end;
  }
  return boxes;
}
