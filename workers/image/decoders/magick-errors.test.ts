// ImageMagick's real failures, from the WebAssembly build the worker runs, mapped to error rows.
import { beforeAll, describe, expect, it } from 'vitest';
import { limitsSchema } from '../../../common/pipeline.js';
import type { SniffedFormat } from '../../../common/sniff.js';
import { decoderTrapped, magickFailure } from './magick-errors.js';
import { applyLimits, magickWasm } from './magick-wasm.js';

type Magick = Awaited<ReturnType<typeof magickWasm>>;
/** Node's WebAssembly (this project's TypeScript libs declare no value for it). */
const wasm = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array): Promise<{ instance: { exports: Record<string, unknown> } }>;
      RuntimeError: new () => Error;
    };
  }
).WebAssembly;
let magick: Magick;
beforeAll(async () => {
  magick = await magickWasm();
  applyLimits(magick, limitsSchema.parse({ maxWorkerMemoryMb: 256 }));
});

/** A 40 × 30 picture written by ImageMagick in `format`. */
function written(format: string): Uint8Array {
  const image = magick.MagickImage.create();
  try {
    const pixels = new Uint8Array(40 * 30 * 3).map((_, i) => (i * 37) & 0xff);
    image.read(pixels, new magick.MagickReadSettings({ width: 40, height: 30, format: 'RGB' as never }));
    let out: Uint8Array | undefined;
    image.write(format as never, (d) => {
      out = new Uint8Array(d);
    });
    return out!;
  } finally {
    image.dispose();
  }
}

/** What ImageMagick throws reading `bytes`. */
function failureOf(bytes: Uint8Array, format?: string): unknown {
  const image = magick.MagickImage.create();
  try {
    image.read(bytes, new magick.MagickReadSettings(format ? { format: format as never } : {}));
  } catch (err) {
    return err;
  } finally {
    image.dispose();
  }
  throw new Error('expected the read to fail');
}

const half = (b: Uint8Array) => b.subarray(0, b.length >> 1);

describe('magickFailure', () => {
  it.each([
    ['ICO', 'ico', 'ICO'],
    ['TGA', 'tga', 'TGA'],
    ['QOI', 'qoi', undefined],
    ['PPM', 'netpbm', undefined],
    ['HDR', 'hdr', undefined],
    ['EXR', 'exr', undefined],
    ['JP2', 'jp2', undefined],
  ] as const)('a %s cut in half is TRUNCATED, said in plain words', (writer, format, hint) => {
    const err = failureOf(half(written(writer)), hint);
    const row = magickFailure(err, format as SniffedFormat);
    expect(row).toMatchObject({ code: 'TRUNCATED', stage: 'decode', detail: (err as Error).message });
    expect(row.message).toMatch(/is cut short \(incomplete download or copy\?\)\.$/);
    expect(row.message).not.toMatch(/@|error\//);
  });

  it('a JPEG XL cut short is DECODE_FAILED: its decoder says the same for damage and for a short file', () => {
    const row = magickFailure(failureOf(half(written('JXL'))), 'jxl');
    expect(row).toMatchObject({ code: 'DECODE_FAILED', message: expect.stringMatching(/JPEG XL.*damaged/) });
  });

  it('an exhausted pixel cache is MEMORY_LIMIT; a header ImageMagick does not recognise is DECODE_FAILED, not "cannot read"', () => {
    const qoi = Buffer.alloc(23);
    qoi.write('qoif', 0, 'latin1');
    qoi.writeUInt32BE(12_000, 4);
    qoi.writeUInt32BE(12_000, 8);
    qoi[12] = 3;
    expect(magickFailure(failureOf(qoi), 'qoi')).toMatchObject({
      code: 'MEMORY_LIMIT',
      message: expect.stringMatching(/memory/),
    });
    const unrecognised = magickFailure(failureOf(written('JP2').subarray(0, 8)), 'jp2');
    expect(unrecognised).toMatchObject({
      code: 'DECODE_FAILED',
      message: expect.stringMatching(/damaged or cut short/),
    });
  });

  it('a WebAssembly trap is DECODE_FAILED and marks the worker for replacement', async () => {
    expect(decoderTrapped()).toBe(false);
    // The smallest module whose one function traps: (func (export "f") unreachable).
    const bytes = new Uint8Array([
      0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00, 0x07,
      0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x05, 0x01, 0x03, 0x00, 0x00, 0x0b,
    ]);
    const { instance } = await wasm.instantiate(bytes);
    let trap: unknown;
    try {
      (instance.exports['f'] as () => void)();
    } catch (err) {
      trap = err;
    }
    expect(trap).toBeInstanceOf(wasm.RuntimeError);
    expect(magickFailure(trap, 'psd')).toMatchObject({
      code: 'DECODE_FAILED',
      message: expect.stringMatching(/PSD.*damaged/),
    });
    expect(decoderTrapped()).toBe(true);
  });
});
