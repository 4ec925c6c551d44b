import { describe, expect, it } from 'vitest';
import { chooseFormat } from './output-format.js';

describe('chooseFormat for "same as original"', () => {
  it('keeps what it can write, and says what it chose for what it cannot', () => {
    expect(chooseFormat('keep', 'webp', false)).toEqual({ format: 'webp' });
    expect(chooseFormat('keep', 'jxl', true)).toEqual({ format: 'jxl' });
    expect(chooseFormat('keep', 'bmp', true)).toEqual({
      format: 'png',
      warning: 'Pixmill cannot write BMP files, so this image was saved as PNG.',
    });
  });

  it('points a HEIC photo, which it cannot write (HEVC patents), to AVIF', () => {
    const { format, warning } = chooseFormat('keep', 'heic', false);
    expect(format).toBe('jpeg');
    expect(warning).toMatch(/cannot write HEIC .* saved as JPEG\. Choose AVIF/);
    expect(chooseFormat('keep', 'psd', false).warning).not.toMatch(/AVIF/);
  });
});
