// The metadata steps around the encoder that depend on the output format and on what the input
// holds: before it, what libvips is asked to write (XMP without its location, placeholders for
// the copyright fields, IPTC); after it, the cuts in the finished file (GPS, maker notes, the
// thumbnail, the copyright bytes) and the blocks libvips had to write but the policy does not keep.
import type { Sharp } from 'sharp';
import type { ConcreteFormat, OutputSettings } from '../../../common/pipeline.js';
import { type FileWarning, fileWarning } from '../../../common/warnings.js';
import { type MetadataBlock, removeBlocks } from './block-removal.js';
import { ContainerUnreadable } from './containers.js';
import { copyrightFields } from './copyright.js';
import { exifSites } from './exif-location.js';
import { cutExif, cutsNothing, type ExifCuts } from './exif-surgery.js';
import { type KeptMetadata, keptMetadata } from './policy.js';
import { TiffUnreadable } from './tiff-ifd.js';
import { XmpUnreadable, xmpHasLocation, xmpWithoutLocation } from './xmp-filter.js';

/** An XMP packet that says nothing: what replaces one that could not be filtered. */
const EMPTY_XMP = '<x:xmpmeta xmlns:x="adobe:ns:meta/"/>';

/**
 * libvips writes IPTC whole into JPEG only, and only through keepMetadata (all blocks at once).
 * Its TIFF writer stores a quarter of the block (the byte count taken as a count of 4-byte
 * words: 12 of 48 bytes, "Photoshop 3."), so a TIFF output has that stub removed instead.
 */
const HOLDS_IPTC: ReadonlySet<ConcreteFormat> = new Set(['jpeg']);

export interface MetadataFinish {
  kept: KeptMetadata;
  cuts: ExifCuts;
  /** Whole blocks that keepMetadata brought along but the policy does not keep. */
  drop: Set<MetadataBlock>;
  warnings: FileWarning[];
}

/** The parts cut from a kept EXIF block, in words, for the warning when the block had to go whole. */
function cutWords(cuts: ExifCuts): string {
  const parts = [cuts.gps && 'the location', cuts.makerNote && 'the maker notes', cuts.thumbnail && 'the thumbnail'];
  return parts.filter(Boolean).join(' and ') || 'what the settings leave out';
}

/**
 * Sets what libvips is to write beyond the flags applyMetadata set, reading the input's EXIF and
 * XMP when the policy keeps only part of them. Call before the pipeline runs.
 */
export async function prepareMetadata(
  image: Sharp,
  format: ConcreteFormat,
  o: Pick<OutputSettings, 'metadata'> & Partial<Pick<OutputSettings, 'metadataKeep'>>,
): Promise<MetadataFinish> {
  const kept = keptMetadata(o);
  const finish: MetadataFinish = {
    kept,
    cuts: { gps: !kept.gps, makerNote: !kept.makerNotes, thumbnail: !kept.thumbnail },
    drop: new Set(),
    warnings: [],
  };
  const keepAll = kept.iptc && HOLDS_IPTC.has(format);
  if (kept.iptc && format === 'tiff') finish.drop.add('iptc');
  if (keepAll) {
    image.keepMetadata();
    if (kept.exif === 'none') finish.drop.add('exif');
    if (!kept.xmp) finish.drop.add('xmp');
    if (!kept.icc) finish.drop.add('icc');
  }
  const filterXmp = kept.xmp && !kept.gps;
  if (kept.exif !== 'copyright' && !filterXmp) return finish;
  // The input's blocks (sharp reads the header of the pipeline's input, not its output).
  const input = await image.metadata();
  if (kept.exif === 'copyright') {
    const fields = copyrightFields(input.exif);
    if (fields) {
      image.withExif({ IFD0: fields.ifd0 });
      finish.cuts.values = fields.patches;
    } else if (keepAll) finish.drop.add('exif');
  }
  if (filterXmp && input.xmp) {
    const xmp = input.xmp.toString('utf8');
    try {
      const filtered = xmpWithoutLocation(xmp);
      if (filtered !== xmp) image.withXmp(filtered);
    } catch (err) {
      if (!(err instanceof XmpUnreadable)) throw err;
      if (xmpHasLocation(xmp)) {
        image.withXmp(EMPTY_XMP);
        finish.warnings.push(
          fileWarning('METADATA_DROPPED', 'XMP was left out: it names a location and could not be read to remove it.'),
        );
      }
    }
  }
  return finish;
}

/**
 * The finished file with the cuts made and the blocks dropped. The image data is never touched:
 * EXIF is edited in place at its own length, and a block is only ever left out whole. An EXIF
 * block that cannot be followed goes whole, with a warning, rather than keep what it should not.
 * A file that cannot be walked at all throws ContainerUnreadable: its metadata cannot be vouched for.
 */
export function finishMetadata(data: Buffer, format: ConcreteFormat, finish: MetadataFinish): Buffer {
  let out = removeBlocks(data, format, finish.drop);
  const { cuts, kept } = finish;
  if (kept.exif === 'none' || cutsNothing(cuts)) return out;
  try {
    for (const site of exifSites(out, format)) {
      cutExif(site.tiff, cuts);
      site.seal();
    }
  } catch (err) {
    if (!(err instanceof TiffUnreadable) && !(err instanceof ContainerUnreadable)) throw err;
    // A container whose EXIF element cannot be told apart cannot have it removed either: that
    // throws again, out of here, for the caller's last resort.
    out = removeBlocks(out, format, new Set(['exif']));
    finish.warnings.push(
      kept.exif === 'copyright'
        ? fileWarning(
            'METADATA_DROPPED',
            'The artist and copyright fields were left out: the EXIF written could not be read to keep only them.',
          )
        : fileWarning(
            'METADATA_DROPPED',
            `EXIF was left out: it could not be read to remove ${cutWords(cuts)} from it (${(err as Error).message}).`,
          ),
    );
  }
  return out;
}

/**
 * The last resort when a finished file cannot be walked: it is made again with nothing but the
 * profile. sharp can add blocks to keep but has no call that removes one, so its options are set
 * back directly (the bits are sharp's keepMetadata: 1 EXIF, 2 XMP, 4 IPTC, 8 ICC, 16 other);
 * encode-metadata.test.ts proves it still works with the sharp installed.
 */
export function keepProfileOnly(image: Sharp): void {
  const { options } = image as unknown as { options: { keepMetadata: number; withExif: object; withXmp: string } };
  options.keepMetadata &= 0b01000;
  options.withExif = {};
  options.withXmp = '';
}
