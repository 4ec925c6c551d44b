import { describe, expect, it } from 'vitest';
import { DECODERS, FORMAT_EXTENSIONS, formatLabel, isReadable } from './formats.js';
import { answerFor, IMAGE_EXTENSIONS, READABLE_FORMATS, type SniffedFormat } from './sniff.js';

describe('the format table', () => {
  it('has libvips read exactly what sharp reads, and a fallback for the rest it lists', () => {
    for (const format of READABLE_FORMATS) expect(DECODERS[format]).toBe('libvips');
    for (const [format, decoder] of Object.entries(DECODERS)) {
      if (decoder === 'imagemagick') expect(READABLE_FORMATS.has(format as SniffedFormat)).toBe(false);
    }
  });

  it('answers a readable format as an image and the rest as unsupported, by content', () => {
    expect(isReadable('bmp')).toBe(true);
    expect(answerFor('bmp', 'old.jpg')).toBe('image');
    expect(isReadable('jxr')).toBe(false);
    expect(answerFor('jxr', 'scan.jxr')).toBe('unsupported');
  });

  it('lists only name endings the scan takes for images', () => {
    const listed = Object.values(FORMAT_EXTENSIONS).flat();
    const unknown = listed.filter((ext) => !IMAGE_EXTENSIONS.has(ext));
    expect(unknown).toEqual([]);
  });

  it('labels a file by its format, and a family member by its own ending', () => {
    expect(formatLabel('heic', 'IMG_0001.HEIC')).toBe('HEIC');
    expect(formatLabel('jpeg', 'renamed.png')).toBe('JPEG');
    expect(formatLabel('netpbm', 'frame.pgm')).toBe('PGM');
    expect(formatLabel('camera-raw', 'DSC_0042.nef')).toBe('NEF');
    expect(formatLabel('camera-raw', 'no-ending')).toBe('camera raw');
  });
});
