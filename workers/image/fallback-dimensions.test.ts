// The declared sizes of the fallback formats, read from headers written by independent writers.
import { describe, expect, it } from 'vitest';
import {
  bmp24,
  bmp32,
  exr,
  hdr,
  ico,
  knownFloats,
  knownPixels,
  pam,
  pfm,
  pnm,
  psd,
  qoi,
  tga,
} from '../../tests/format-fixtures.js';
import { fallbackDimensions } from './fallback-dimensions.js';

const pixels = knownPixels(37, 21, 3);
const rgba = knownPixels(37, 21, 4);
const floats = knownFloats(37, 21, 3);

describe('fallbackDimensions', () => {
  it.each([
    ['bmp', bmp24(pixels)],
    ['bmp', bmp32(rgba)],
    ['tga', tga(pixels)],
    ['qoi', qoi(pixels)],
    ['netpbm', pnm(pixels)],
    ['netpbm', pam(rgba)],
    ['pfm', pfm(floats)],
    ['hdr', hdr(floats)],
    ['exr', exr(floats)],
  ] as const)('reads the size a %s header declares', (format, bytes) => {
    expect(fallbackDimensions(bytes, format)).toEqual({ width: 37, height: 21 });
  });

  it('takes the largest entry of an icon', async () => {
    const icon = await ico([
      { pixels: knownPixels(16, 16, 4) },
      { pixels: knownPixels(48, 48, 4), png: true },
      { pixels: knownPixels(32, 32, 4) },
    ]);
    expect(fallbackDimensions(icon, 'ico')).toEqual({ width: 48, height: 48 });
  });

  it('reads a PSD header, and says nothing for a header cut short', () => {
    const file = psd({ mode: 'rgb', width: 37, height: 21, depth: 8, channels: 3, samples: pixels.data });
    expect(fallbackDimensions(file, 'psd')).toEqual({ width: 37, height: 21 });
    expect(fallbackDimensions(file.subarray(0, 10), 'psd')).toBeUndefined();
  });
});
