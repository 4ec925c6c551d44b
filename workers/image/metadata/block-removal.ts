// Taking whole metadata blocks out of a finished file. libvips can keep IPTC only together with
// everything else (keepMetadata), so a custom policy that keeps IPTC but not, say, XMP has the
// other blocks removed here; and an EXIF block that could not be cut safely goes whole. JPEG,
// PNG, WebP and the JPEG XL container are sequences of length-prefixed parts without absolute
// offsets, so a part can be left out; AVIF's item table holds offsets, so its EXIF item is
// zeroed where it stands instead (no reader finds a TIFF header in it any more).
import type { ConcreteFormat } from '../../../common/pipeline.js';
import { boxesIn, jpegSegments, pngChunks, webpChunks } from './containers.js';
import { heifItems } from './heif-items.js';
import { TAG, TiffView } from './tiff-ifd.js';

export type MetadataBlock = 'exif' | 'xmp' | 'iptc' | 'icc';

type Range = { start: number; end: number };

function without(data: Buffer, ranges: readonly Range[]): Buffer {
  if (ranges.length === 0) return data;
  const parts: Buffer[] = [];
  let at = 0;
  for (const r of [...ranges].sort((a, b) => a.start - b.start)) {
    parts.push(data.subarray(at, r.start));
    at = r.end;
  }
  parts.push(data.subarray(at));
  return Buffer.concat(parts);
}

const startsWith = (data: Buffer, at: number, text: string): boolean =>
  data.toString('latin1', at, at + text.length) === text;

/** Which block a JPEG APPn segment is, by its marker and the identifier its body starts with. */
function jpegBlock(data: Buffer, marker: number, body: number): MetadataBlock | undefined {
  if (marker === 0xe1 && startsWith(data, body, 'Exif\0\0')) return 'exif';
  if (marker === 0xe1 && startsWith(data, body, 'http://ns.adobe.com/')) return 'xmp';
  if (marker === 0xe2 && startsWith(data, body, 'ICC_PROFILE\0')) return 'icc';
  if (marker === 0xed && startsWith(data, body, 'Photoshop 3.0\0')) return 'iptc';
  return undefined;
}

function pngBlock(data: Buffer, type: string, body: number): MetadataBlock | undefined {
  if (type === 'eXIf') return 'exif';
  if (type === 'iCCP') return 'icc';
  if ((type === 'iTXt' || type === 'zTXt') && startsWith(data, body, 'XML:com.adobe.xmp\0')) return 'xmp';
  return undefined;
}

const WEBP_BLOCKS: Record<string, MetadataBlock> = { EXIF: 'exif', 'XMP ': 'xmp', ICCP: 'icc' };
/** VP8X's flag for each block: a reader trusts the flags, so they must match the chunks left. */
const WEBP_FLAGS: Record<string, number> = { exif: 0x08, xmp: 0x04, icc: 0x20 };

function webpWithout(data: Buffer, drop: ReadonlySet<MetadataBlock>): Buffer {
  const chunks = webpChunks(data);
  const gone = chunks.filter((c) => {
    const block = WEBP_BLOCKS[c.type];
    return block !== undefined && drop.has(block);
  });
  if (gone.length === 0) return data;
  const out = without(data, gone);
  out.writeUInt32LE(out.length - 8, 4);
  if (chunks[0]?.type === 'VP8X') {
    let flags = out[20]!;
    for (const c of gone) flags &= ~(WEBP_FLAGS[WEBP_BLOCKS[c.type]!] ?? 0);
    out[20] = flags;
  }
  return out;
}

const JXL_BLOCKS: Record<string, MetadataBlock> = { Exif: 'exif', 'xml ': 'xmp' };

function jxlWithout(data: Buffer, drop: ReadonlySet<MetadataBlock>): Buffer {
  if (data[0] === 0xff && data[1] === 0x0a) return data;
  const gone = boxesIn(data, 0, data.length).filter((b) => {
    const type = b.type === 'brob' ? data.toString('latin1', b.body, b.body + 4) : b.type;
    const block = JXL_BLOCKS[type];
    return block !== undefined && drop.has(block);
  });
  return without(data, gone);
}

const TIFF_TAGS: Record<MetadataBlock, readonly number[]> = {
  // libvips writes no EXIF directory into TIFF.
  exif: [],
  xmp: [TAG.xmp],
  // IPTC-NAA, and Photoshop's resource block that holds IPTC too.
  iptc: [TAG.iptc, 0x8649],
  icc: [TAG.icc],
};

/** Tags taken out of every directory of a TIFF file, their values zeroed (the file keeps its length). */
function tiffWithout(data: Buffer, drop: ReadonlySet<MetadataBlock>): Buffer {
  const tags = new Set([...drop].flatMap((b) => TIFF_TAGS[b]));
  const out = Buffer.from(data);
  const view = new TiffView(out);
  for (const { at } of view.chain()) {
    for (;;) {
      const ifd = view.ifd(at);
      const entry = ifd.entries.find((e) => tags.has(e.tag));
      if (!entry) break;
      view.removeEntry(ifd, entry);
    }
  }
  return out;
}

/**
 * The file without the blocks listed. A new buffer where parts were left out; AVIF's EXIF is
 * zeroed in place. Throws ContainerUnreadable (or TiffUnreadable) when the file cannot be walked.
 */
export function removeBlocks(data: Buffer, format: ConcreteFormat, drop: ReadonlySet<MetadataBlock>): Buffer {
  if (drop.size === 0) return data;
  switch (format) {
    case 'jpeg':
      return without(
        data,
        jpegSegments(data).filter((s) => {
          const block = jpegBlock(data, s.marker, s.start + 4);
          return block !== undefined && drop.has(block);
        }),
      );
    case 'png':
      return without(
        data,
        pngChunks(data).filter((c) => {
          const block = pngBlock(data, c.type, c.start + 8);
          return block !== undefined && drop.has(block);
        }),
      );
    case 'webp':
      return webpWithout(data, drop);
    case 'jxl':
      return jxlWithout(data, drop);
    case 'tiff':
      return tiffWithout(data, drop);
    case 'avif':
      if (drop.has('exif')) for (const item of heifItems(data, 'Exif')) data.fill(0, item.start, item.end);
      return data;
    case 'gif':
      return data;
  }
}
