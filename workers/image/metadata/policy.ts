// What each metadata policy keeps, class by class: one answer for the encoder (which blocks to
// ask libvips for, what to cut afterwards) and for the warnings (what was asked for and lost).
import type { MetadataClass, OutputSettings } from '../../../common/pipeline.js';

export interface KeptMetadata {
  /** all: the input's EXIF (less what the flags below take out); copyright: Artist and Copyright only. */
  exif: 'all' | 'copyright' | 'none';
  /** The location: EXIF's GPS directory and XMP's GPS properties. */
  gps: boolean;
  makerNotes: boolean;
  /** EXIF's thumbnail picture (IFD1): kept with the rest of EXIF, never by "copyright only". */
  thumbnail: boolean;
  xmp: boolean;
  iptc: boolean;
  icc: boolean;
}

const NOTHING: KeptMetadata = {
  exif: 'none',
  gps: false,
  makerNotes: false,
  thumbnail: false,
  xmp: false,
  iptc: false,
  icc: false,
};
const EVERYTHING: KeptMetadata = {
  exif: 'all',
  gps: true,
  makerNotes: true,
  thumbnail: true,
  xmp: true,
  iptc: true,
  icc: true,
};

export type PolicySettings = Pick<OutputSettings, 'metadata'> & Partial<Pick<OutputSettings, 'metadataKeep'>>;

/**
 * "custom" keeps the classes listed. gps and makernotes are parts of EXIF: listed without exif
 * they keep nothing of it, though gps still keeps XMP's location when xmp is listed.
 */
export function keptMetadata(o: PolicySettings): KeptMetadata {
  switch (o.metadata) {
    case 'strip':
      return NOTHING;
    case 'icc':
      return { ...NOTHING, icc: true };
    case 'keep':
      return EVERYTHING;
    case 'keep-except-gps':
      return { ...EVERYTHING, gps: false };
    case 'copyright-only':
      return { ...NOTHING, exif: 'copyright', icc: true };
    case 'custom': {
      const has = (c: MetadataClass): boolean => o.metadataKeep?.includes(c) ?? false;
      return {
        exif: has('exif') ? 'all' : 'none',
        gps: has('gps'),
        makerNotes: has('makernotes'),
        thumbnail: has('exif'),
        xmp: has('xmp'),
        iptc: has('iptc'),
        icc: has('icc'),
      };
    }
  }
}
