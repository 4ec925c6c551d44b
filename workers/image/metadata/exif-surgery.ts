// Cutting parts out of an EXIF block inside a finished file, in place and at the same length, so
// that no offset of the container around it changes and the image data is never touched.
// libvips rebuilds EXIF from its own fields on save and has no way to leave one part out: the
// encoder keeps the whole block and these cuts follow. A part cut is zeroed byte for byte, not
// only unreferenced: a reader that scans for coordinates must find nothing.
import { findEntry, type Ifd, TAG, TiffUnreadable, TiffView } from './tiff-ifd.js';

export interface ExifCuts {
  /** The GPS directory and every value it points to. */
  gps: boolean;
  /** The camera maker's private block in the EXIF directory. */
  makerNote: boolean;
  /** IFD1 and the thumbnail picture it describes (a thumbnail can show what a crop took away). */
  thumbnail: boolean;
  /** Values written as placeholders of the right length, to be overwritten with the real bytes. */
  values?: readonly ValuePatch[] | undefined;
}

/** An IFD0 string value that libvips could not write as it is (it transliterates to ASCII). */
export interface ValuePatch {
  tag: number;
  placeholder: Buffer;
  bytes: Buffer;
}

/** The thumbnail picture's bytes, by either way of storing it (JPEG interchange or strips). */
function zeroThumbnailData(view: TiffView, ifd: Ifd): void {
  const jpeg = findEntry(ifd, TAG.jpegThumbnail);
  const jpegLength = findEntry(ifd, TAG.jpegThumbnailLength);
  if (jpeg && jpegLength) view.zero(view.numbers(jpeg)[0] ?? 0, view.numbers(jpegLength)[0] ?? 0);
  const strips = findEntry(ifd, TAG.stripOffsets);
  const counts = findEntry(ifd, TAG.stripByteCounts);
  if (strips && counts) {
    const lengths = view.numbers(counts);
    view.numbers(strips).forEach((at, i) => {
      view.zero(at, lengths[i] ?? 0);
    });
  }
}

function cutThumbnail(view: TiffView): boolean {
  const [ifd0, ...rest] = view.chain();
  if (!ifd0 || rest.length === 0) return false;
  for (const ifd of rest) {
    zeroThumbnailData(view, ifd);
    view.zeroIfd(ifd);
  }
  view.setU32(ifd0.nextAt, 0);
  return true;
}

function cutGps(view: TiffView): boolean {
  const ifd0 = view.ifd(view.firstIfd);
  const pointer = findEntry(ifd0, TAG.gpsIfd);
  if (!pointer) return false;
  view.zeroIfd(view.subIfd(pointer));
  view.removeEntry(ifd0, pointer);
  return true;
}

function cutMakerNote(view: TiffView): boolean {
  const pointer = findEntry(view.ifd(view.firstIfd), TAG.exifIfd);
  if (!pointer) return false;
  const exif = view.subIfd(pointer);
  const note = findEntry(exif, TAG.makerNote);
  if (!note) return false;
  view.removeEntry(exif, note);
  return true;
}

function patchValue(view: TiffView, patch: ValuePatch): void {
  const entry = findEntry(view.ifd(view.firstIfd), patch.tag);
  const written = entry && view.value(entry);
  // libvips writes the placeholder and its closing NUL; anything else means it changed the value.
  const expected = Buffer.concat([patch.placeholder, Buffer.alloc(1)]);
  if (!written?.equals(expected))
    throw new TiffUnreadable(`tag 0x${patch.tag.toString(16)} was not written as its placeholder`);
  written.fill(0);
  patch.bytes.copy(written);
}

/** What is left that a cut asked to remove: none of it may survive, or the cuts failed. */
function leftOver(view: TiffView, cuts: ExifCuts): string | undefined {
  const chain = view.chain();
  const ifd0 = chain[0];
  if (!ifd0) return undefined;
  if (cuts.thumbnail && chain.length > 1) return 'the thumbnail';
  if (cuts.gps && findEntry(ifd0, TAG.gpsIfd)) return 'the GPS directory';
  const exif = findEntry(ifd0, TAG.exifIfd);
  if (cuts.makerNote && exif && findEntry(view.subIfd(exif), TAG.makerNote)) return 'the maker note';
  return undefined;
}

/**
 * Applies the cuts to a TIFF-structured EXIF block (the bytes after "Exif\0\0") in place. Returns
 * whether a byte changed; throws TiffUnreadable when the block cannot be followed, in which case
 * the caller must not keep it at all.
 */
export function cutExif(tiff: Buffer, cuts: ExifCuts): boolean {
  const view = new TiffView(tiff);
  let changed = false;
  for (const patch of cuts.values ?? []) {
    patchValue(view, patch);
    changed = true;
  }
  if (cuts.gps) changed = cutGps(view) || changed;
  if (cuts.makerNote) changed = cutMakerNote(view) || changed;
  if (cuts.thumbnail) changed = cutThumbnail(view) || changed;
  const left = leftOver(view, cuts);
  if (left) throw new TiffUnreadable(`${left} is still there after it was cut`);
  return changed;
}

export const cutsNothing = (cuts: ExifCuts): boolean =>
  !cuts.gps && !cuts.makerNote && !cuts.thumbnail && !cuts.values?.length;
