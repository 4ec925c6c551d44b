// The decoder row's pure parts: detecting heif-enc, reducing runs to rows, the table and the
// sentences. Made-up times only: speed is measured by `pixmill bench`, never asserted here.
import { describe, expect, it } from 'vitest';
import { type DecoderRun, summariseDecoders } from './decoder-bench.js';
import {
  DECODER_LABELS,
  type DecoderFile,
  type DecoderFormat,
  HEIF_ENC_MISSING,
  missingEncoder,
} from './decoder-set.js';
import { decoderLine, decodersTable } from './report.js';
import type { RunStats } from './run-stats.js';
import { heifEncVersion } from './tools.js';

describe('decoder row: encoders', () => {
  it('reads heif-enc’s version from its --help, old and new', () => {
    expect(heifEncVersion(' heif-enc  libheif version: 1.15.1\n----------\nUsage: heif-enc [options]')).toBe('1.15.1');
    expect(heifEncVersion('heif-enc libheif version: 1.19.5\n')).toBe('1.19.5');
    expect(heifEncVersion('heif-enc: command not found')).toBeUndefined();
  });

  it('says the HEIC row needs heif-enc when it is missing, and nothing for the formats magick-wasm writes', () => {
    expect(missingEncoder('heic', {})).toBe('not measured: needs heif-enc (libheif-examples)');
    expect(missingEncoder('heic', { heifEnc: { path: 'heif-enc', version: '1.15.1' } })).toBeUndefined();
    for (const format of ['jpeg', 'jxl', 'psd'] as const) expect(missingEncoder(format, {})).toBeUndefined();
  });
});

const stats = (read: number, pipeline: number): RunStats => ({
  startupMs: [50],
  eventLoopDelayP99Ms: 1,
  stages: { scanMs: 5, queue: 0, read, pipeline, write: 10, ipc: 1 },
  images: 1,
});
const file = (format: DecoderFormat, missing?: string): DecoderFile & { bytes?: number } =>
  missing
    ? { format, label: DECODER_LABELS[format], missing }
    : { format, label: DECODER_LABELS[format], path: `/x/photo.${format}`, bytes: 3_000_000 };
const run = (round: number, format: DecoderFormat, wallSeconds: number, read = 0, failures: string[] = []) =>
  ({
    round,
    format,
    wallSeconds,
    peakRssBytes: 200 * 2 ** 20,
    failures,
    ...(failures.length ? {} : { stats: stats(read, 900) }),
  }) satisfies DecoderRun;

describe('decoder row: summary', () => {
  // The machine drifts between rounds; HEIC's whole job is always 1.6× the JPEG's of its round.
  const runs = [
    run(0, 'jpeg', 2.0, 7),
    run(0, 'heic', 3.2, 1000),
    run(1, 'heic', 4.8, 1040),
    run(1, 'jpeg', 3.0, 8),
    run(2, 'jpeg', 2.5, 7),
    run(2, 'heic', 4.0, 1020),
    run(0, 'psd', 9, 0, ['node exited with 1: PSD: corrupt image']),
  ];
  const result = summariseDecoders({
    files: [file('jpeg'), file('heic'), file('jxl', 'not measured: writing it failed (x)'), file('psd')],
    runs,
    rounds: 3,
  });

  it('gives medians per format, ms per megapixel of the read, and the paired ratio to the JPEG', () => {
    expect(result).toMatchObject({ width: 4000, height: 3000, megapixels: 12, rounds: 3 });
    const [jpeg, heic] = result.rows;
    expect(jpeg).toMatchObject({ status: 'ok', rounds: 3, wallMs: 2500, readMs: 7, wallVsJpeg: 1, fileMB: 3 });
    expect(heic).toMatchObject({
      status: 'ok',
      rounds: 3,
      wallMs: 4000,
      readMs: 1020,
      pipelineMs: 900,
      peakRssMB: 200,
    });
    expect(heic?.readMsPerMP).toBeCloseTo(85, 10);
    expect(heic?.wallVsJpeg).toBeCloseTo(1.6, 10);
  });

  it('keeps a format that was not measured or failed as a row that says why, without figures', () => {
    expect(result.rows[2]).toMatchObject({ status: 'not measured', rounds: 0, wallMs: null, wallVsJpeg: null });
    expect(result.rows[3]).toMatchObject({ status: 'failed', problem: 'node exited with 1: PSD: corrupt image' });
    expect(result.rows[3]?.readMs).toBeNull();
  });

  it('prints a table row per format and one sentence each', () => {
    const lines = decodersTable(result).split('\n');
    expect(lines[0]).toMatch(
      /^format\s+file MB\s+wall ms\s+read ms\s+read ms\/MP\s+pipeline\s+vs JPEG\s+peak MB\s+status$/,
    );
    expect(lines[3]).toMatch(/^HEIC\s+3\.0\s+4,000\s+1,020\s+85\.0\s+900\s+1\.60×\s+200\s+ok$/);
    expect(lines[4]).toMatch(/^JPEG XL .*—\s+not measured: writing it failed \(x\)$/);
    expect(lines[5]).toMatch(/failed: node exited with 1/);
    const sentences = result.rows.map((row) => decoderLine(row, result.megapixels));
    expect(sentences).toEqual([
      'JPEG 12 MP: whole job 2,500 ms, read 7 ms (header; libvips decodes it in the pipeline)',
      "HEIC 12 MP: decode 1,020 ms (85 ms/MP), whole job 1.6× the JPEG's",
      'JPEG XL 12 MP: not measured: writing it failed (x)',
      'PSD 12 MP: failed (node exited with 1: PSD: corrupt image)',
    ]);
  });

  it('says "not measured: needs heif-enc" in the HEIC row of a machine without it', () => {
    const r = summariseDecoders({ files: [file('jpeg'), file('heic', HEIF_ENC_MISSING)], runs: [], rounds: 1 });
    expect(decodersTable(r)).toMatch(/HEIC .*not measured: needs heif-enc \(libheif-examples\)/);
    expect(decoderLine(r.rows[1]!, r.megapixels)).toBe('HEIC 12 MP: not measured: needs heif-enc (libheif-examples)');
  });
});
