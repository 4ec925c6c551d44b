import { describe, expect, it } from 'vitest';
import type { JobResult, OutputOutcome } from '../../../common/job';
import { makePipeline } from '../../../common/pipeline';
import { encodingText, fileOutputs, fixedQuality, outputsLine, outputText } from './output-results';

const timings = { read: 1, pipeline: 2, write: 1 };
const done = (output: string, bytesOut: number, extra: Partial<JobResult> = {}): JobResult =>
  ({
    status: 'done',
    output,
    format: 'webp',
    width: 800,
    height: 533,
    bytesIn: 900_000,
    bytesOut,
    timings,
    ...extra,
  }) as JobResult;

const outcomes: OutputOutcome[] = [
  { output: 0, label: '320 px WebP', result: done('/out/a-320.webp', 12_000) },
  { output: 1, label: '800 px WebP', result: done('/out/a-800.webp', 48_000) },
  {
    output: 2,
    label: '1600 px AVIF',
    result: { status: 'failed', code: 'WRITE_FAILED', stage: 'write', message: 'The disk is full.' },
  },
];

describe('a file’s outputs in words', () => {
  it('counts the outputs written and their total size, and says which one is missing and why', () => {
    const outputs = fileOutputs(outcomes);
    expect(outputsLine(outputs)).toBe('2 of 3 outputs · 60 kB');
    expect(outputsLine(outputs.slice(0, 2))).toBe('2 outputs · 60 kB');
    expect(outputs.map(outputText)).toEqual([
      '320 px WebP · 12 kB',
      '800 px WebP · 48 kB',
      '1600 px AVIF: failed. The disk is full.',
    ]);
    const skipped = fileOutputs([
      { output: 0, label: 'JPEG', result: { status: 'skipped', output: '/out/a.jpg', reason: 'exists', bytesIn: 1 } },
    ]);
    expect(outputText(skipped[0]!)).toBe('JPEG: skipped. A file of the output’s name exists already.');
  });

  it('says what a quality search chose, the score it reached and what it saved against the fixed quality', () => {
    const encoding = { format: 'webp' as const, quality: 74, score: 81.4, encodes: 4, bytesAtFixed: 50_000 };
    expect(encodingText(encoding, 34_000, 82)).toBe('quality 74 · score 81 · 32 % smaller than q82');
    expect(encodingText({ ...encoding, bytesAtFixed: 30_000 }, 34_000)).toBe(
      'quality 74 · score 81 · 13 % larger than the fixed quality',
    );
    const shootOut = {
      format: 'avif' as const,
      quality: 60,
      encodes: 6,
      candidates: [
        { format: 'avif' as const, bytes: 20_000, quality: 60 },
        { format: 'webp' as const, bytes: 31_000, quality: 75 },
      ],
      downscaledTo: { width: 1200, height: 800 },
    };
    expect(encodingText(shootOut, 20_000)).toBe(
      'AVIF was smallest · quality 60 · made smaller to 1200 × 800 px to fit',
    );
  });

  it('finds the fixed quality of each of the recipe’s outputs', () => {
    const spec = makePipeline({
      output: { quality: 82 },
      outputs: [
        { width: 320, pattern: 'a' },
        { width: 800, quality: 70 },
      ],
    });
    expect([fixedQuality(spec, 0), fixedQuality(spec, 1), fixedQuality(null, 0)]).toEqual([82, 70, undefined]);
  });
});
