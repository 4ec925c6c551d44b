// Error classification with the sniffed format at hand: fixes for wrong codes found by fuzzing.
import { describe, expect, it } from 'vitest';
import { HEVC_MESSAGE, pipelineFailure } from './classify-error.js';

const badSeek = new Error(
  'Input file has corrupt header: /photos/x.avif: bad seek to 1024\n/photos/x.avif: bad seek to 896',
);
const noLoader = new Error('Input file contains unsupported image format');

describe('pipelineFailure', () => {
  it('calls "bad seek" HEVC only for HEIF files: damage for an AVIF (AV1 decodes fine), cut short for the rest', () => {
    expect(pipelineFailure(badSeek, 'decode', 'heif')).toMatchObject({
      code: 'UNSUPPORTED_FORMAT',
      message: HEVC_MESSAGE,
    });
    expect(pipelineFailure(badSeek, 'decode', 'heic').message).toBe(HEVC_MESSAGE);
    // Anything else that reads past its own end is cut short, whatever named it.
    for (const format of ['tiff', undefined] as const) {
      const row = pipelineFailure(badSeek, 'decode', format);
      expect(row.code).toBe('TRUNCATED');
      expect(row.message).not.toMatch(/HEVC|HEIC/);
    }
    expect(pipelineFailure(badSeek, 'decode', 'tiff').message).toMatch(/TIFF/);
    const avif = pipelineFailure(badSeek, 'decode', 'avif');
    expect(avif.code).toBe('DECODE_FAILED');
    expect(avif.message).not.toMatch(/HEVC/);
  });

  it('calls a file whose magic bytes name a readable format but that no loader takes damaged, not foreign', () => {
    expect(pipelineFailure(noLoader, 'decode', 'tiff')).toMatchObject({
      code: 'DECODE_FAILED',
      message: expect.stringContaining('TIFF'),
    });
    expect(pipelineFailure(noLoader, 'decode', 'svgz').code).toBe('UNSUPPORTED_FORMAT');
    expect(pipelineFailure(noLoader).code).toBe('UNSUPPORTED_FORMAT');
  });
});

describe('pipelineFailure for SVG', () => {
  it('calls an SVG that librsvg refuses to render (its element limit) damaged, not a failed filter', () => {
    const err = new Error(
      'svgload_buffer: SVG rendering failed\nglib: exceeded more than 500000 referenced elements\n',
    );
    expect(pipelineFailure(err, 'process', 'svg').code).toBe('DECODE_FAILED');
  });
});

describe('the file name never decides the code', () => {
  it('reads a loader message that quotes a path full of alarming words for what it says', () => {
    const input = '/photos/premature end truncated bad seek HEVC.avif';
    const err = new Error(`heifload: ${input}: Invalid input: Unspecified: Bitstream not supported by this decoder`);
    expect(pipelineFailure(err, 'decode', 'avif', input).code).toBe('UNSUPPORTED_FORMAT');
    expect(pipelineFailure(new Error(`VipsJpeg: ${input}: corrupt marker`), 'decode', 'jpeg', input).code).toBe(
      'DECODE_FAILED',
    );
  });
});
