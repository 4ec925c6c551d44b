// "Copyright only": the input's Artist and Copyright fields, and nothing else of its EXIF.
// libvips writes a string field only after changing it: to ASCII (Zoë → Zoe, © → (C)) and
// without a last "(…)" (it takes that for its own description of the type). So the encoder is
// given placeholders of the same byte length, and the real bytes are written over them in the
// finished file (exif-surgery.ts), exactly as the camera or the photographer's tool wrote them.
import type { ValuePatch } from './exif-surgery.js';
import { findEntry, TAG, TiffUnreadable, TiffView } from './tiff-ifd.js';

const FIELDS = [
  { name: 'Artist', tag: TAG.artist, fill: 'A' },
  { name: 'Copyright', tag: TAG.copyright, fill: 'C' },
] as const;

export interface CopyrightFields {
  /** For sharp's withExif: the placeholders, by field name. */
  ifd0: Record<string, string>;
  /** What to write over each placeholder once the file is encoded. */
  patches: ValuePatch[];
}

/** The TIFF part of an EXIF block as sharp gives it (with "Exif\0\0" first from JPEG, without from PNG). */
export function tiffPart(exif: Buffer): Buffer {
  return exif.toString('latin1', 0, 6) === 'Exif\0\0' ? exif.subarray(6) : exif;
}

/**
 * The Artist and Copyright fields of an EXIF block, or undefined when it has neither (or cannot be
 * read: then nothing of it is kept). A value's trailing NULs are dropped (the writer adds one);
 * inner ones stay: Copyright may hold the photographer's and the editor's notices, NUL-separated.
 */
export function copyrightFields(exif: Buffer | undefined): CopyrightFields | undefined {
  if (!exif) return undefined;
  let view: TiffView;
  let ifd0: ReturnType<TiffView['ifd']>;
  try {
    view = new TiffView(tiffPart(exif));
    ifd0 = view.ifd(view.firstIfd);
  } catch (err) {
    if (err instanceof TiffUnreadable) return undefined;
    throw err;
  }
  const found: CopyrightFields = { ifd0: {}, patches: [] };
  for (const field of FIELDS) {
    const entry = findEntry(ifd0, field.tag);
    if (!entry || (entry.type !== 2 && entry.type !== 7 && entry.type !== 1)) continue;
    let bytes = Buffer.from(view.value(entry));
    let end = bytes.length;
    while (end > 0 && bytes[end - 1] === 0) end--;
    bytes = bytes.subarray(0, end);
    if (bytes.length === 0) continue;
    const placeholder = Buffer.alloc(bytes.length, field.fill);
    found.ifd0[field.name] = placeholder.toString('latin1');
    found.patches.push({ tag: field.tag, placeholder, bytes });
  }
  return found.patches.length > 0 ? found : undefined;
}
