// What a run says about a recipe's outputs, from results built by hand: each output's path and
// size or why it was not written, how a search chose its encoding, and the totals.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchSummary, EngineEvent } from '../common/events.js';
import type { EncodingChoice, JobResult, OutputOutcome } from '../common/job.js';
import { makePipeline } from '../common/pipeline.js';
import {
  countOutputs,
  emptyTotals,
  fileOutput,
  formatDone,
  formatEncoding,
  outputLines,
  recipeHeader,
  totalsLines,
} from './output-report.js';
import { formatAnswer, humanSummary, jsonSummary } from './report.js';
import { specFromFlags } from './spec-from-flags.js';

type FileDone = Extract<EngineEvent, { type: 'file-done' }>;

const out = (name: string): string => join(process.cwd(), 'out', name);
const timings = { read: 1, pipeline: 5, write: 1 };

function done(name: string, bytesOut: number, encoding?: EncodingChoice): JobResult {
  return {
    status: 'done',
    output: out(name),
    format: name.endsWith('.avif') ? 'avif' : 'webp',
    width: 320,
    height: 213,
    bytesIn: 100_000,
    bytesOut,
    timings,
    ...(encoding ? { encoding } : {}),
  };
}

const searched: EncodingChoice = { format: 'avif', quality: 52, score: 80.34, encodes: 4, bytesAtFixed: 20_000 };
const outcomes: OutputOutcome[] = [
  { output: 0, label: '320 px AVIF', result: done('a-320.avif', 15_000, searched) },
  { output: 1, label: '320 px WebP', result: done('a-320.webp', 18_000) },
  {
    output: 2,
    label: '800 px WebP',
    result: { status: 'skipped', output: out('a-800.webp'), reason: 'exists', bytesIn: 100_000 },
  },
];

const fileDone = (outputs?: OutputOutcome[], encoding?: EncodingChoice): FileDone => ({
  type: 'file-done',
  file: join(process.cwd(), 'photos', 'a.jpg'),
  root: 0,
  output: out('a-320.avif'),
  width: 320,
  height: 213,
  bytesIn: 100_000,
  bytesOut: 33_000,
  timings,
  ...(outputs ? { outputs } : {}),
  ...(encoding ? { encoding } : {}),
});

const summary: BatchSummary = {
  processed: 1,
  failed: 0,
  skipped: 0,
  total: 1,
  seconds: 0.5,
  bytesIn: 100_000,
  bytesOut: 33_000,
  cancelled: false,
  resumed: 0,
  upToDate: 0,
  skippedFor: { 'up-to-date': 0, resumed: 0, exists: 0, larger: 0, 'own-output': 0, renamed: 0 },
  imagesPerSecond: 2,
  errors: [],
  warned: 0,
  warnings: [],
  files: 1,
  ignored: { 'not-image': 0, hidden: 0, 'empty-folder': 0, duplicate: 0 },
  ignoredFiles: [],
};

describe('the recipe header', () => {
  it('announces the outputs and the layout, and nothing for one output', async () => {
    const suffix = await specFromFlags({ sizes: '320,800', formats: 'avif,webp' });
    expect(recipeHeader(suffix, 'suffix')).toBe(
      'Each image → 4 outputs (--layout suffix: the size added to the name): ' +
        '{name}-320.avif, {name}-320.webp, {name}-800.avif, {name}-800.webp',
    );
    const folders = await specFromFlags({ sizes: '320,800', format: 'jpg', layout: 'folders' });
    expect(recipeHeader(folders, 'folders')).toBe(
      'Each image → 2 outputs (--layout folders: a sub-folder per size): 320/{name}.jpg, 800/{name}.jpg',
    );
    const shootOut = await specFromFlags({ sizes: '1,2,3,4,5,6,7', smallestOf: 'avif,jpeg' });
    expect(recipeHeader(shootOut)).toBe(
      'Each image → 7 outputs: {name}-1.(avif|jpg), {name}-2.(avif|jpg), {name}-3.(avif|jpg), ' +
        '{name}-4.(avif|jpg), {name}-5.(avif|jpg), {name}-6.(avif|jpg), … and 1 more',
    );
    expect(recipeHeader(makePipeline({ outputs: [{ width: 100 }] }))).toBe('Each image → 1 output: {name}.*');
    expect(recipeHeader(makePipeline())).toBeUndefined();
  });
});

describe('encoding choices', () => {
  it('says the quality chosen, the score, the shoot-out and the bytes against the fixed quality', () => {
    expect(formatEncoding(searched, 15_000)).toBe(
      'AVIF quality 52, score 80.3, 20 kB at fixed quality (saved 25%), 4 encodes',
    );
    const shootOut: EncodingChoice = {
      format: 'webp',
      quality: 70,
      encodes: 6,
      candidates: [
        { format: 'avif', bytes: 41_000, quality: 50 },
        { format: 'webp', bytes: 38_000, quality: 70 },
      ],
      downscaledTo: { width: 1200, height: 800 },
      bytesAtFixed: 30_000,
    };
    expect(formatEncoding(shootOut, 38_000)).toBe(
      'WebP quality 70, smallest of AVIF 41 kB, WebP 38 kB, downscaled to 1200×800 to fit, ' +
        '30 kB at fixed quality (27% larger), 6 encodes',
    );
  });
});

describe('files with several outputs', () => {
  it('--verbose: the file, then each output with its path and size, or why it was not written', () => {
    expect(formatDone(fileDone(outcomes))).toBe(
      [
        `✓ ${join('photos', 'a.jpg')} → 3 outputs`,
        `    ✓ 320 px AVIF → ${join('out', 'a-320.avif')} (15 kB; AVIF quality 52, score 80.3, 20 kB at fixed quality (saved 25%), 4 encodes)`,
        `    ✓ 320 px WebP → ${join('out', 'a-320.webp')} (18 kB)`,
        `    – 800 px WebP → ${join('out', 'a-800.webp')} (skipped: exists)`,
      ].join('\n'),
    );
    const failed: OutputOutcome = {
      output: 3,
      label: '1600 px JPEG',
      result: { status: 'failed', code: 'SIZE_CAP_UNREACHED', stage: 'encode', message: 'Too large.' },
    };
    expect(outputLines([failed])).toEqual(['    ✗ 1600 px JPEG — SIZE_CAP_UNREACHED: Too large.']);
    // One output, chosen by a search: on the file's own line.
    expect(formatAnswer(fileDone(undefined, searched))).toBe(
      `✓ ${join('photos', 'a.jpg')} → ${join('out', 'a-320.avif')} (AVIF quality 52, score 80.3, 20 kB at fixed quality (65% larger), 4 encodes)`,
    );
  });

  it('--json: each output with its path, size, encoding or reason; one output as before', () => {
    expect(fileOutput(fileDone(outcomes)).outputs).toEqual([
      {
        index: 0,
        label: '320 px AVIF',
        status: 'done',
        output: out('a-320.avif'),
        bytes: 15_000,
        width: 320,
        height: 213,
        format: 'avif',
        encoding: searched,
      },
      {
        index: 1,
        label: '320 px WebP',
        status: 'done',
        output: out('a-320.webp'),
        bytes: 18_000,
        width: 320,
        height: 213,
        format: 'webp',
      },
      { index: 2, label: '800 px WebP', status: 'skipped', output: out('a-800.webp'), reason: 'exists' },
    ]);
    const plain = fileDone();
    expect(fileOutput(plain)).toEqual({ file: plain.file, output: plain.output });
    expect(fileOutput(fileDone(undefined, searched))).toEqual({
      file: plain.file,
      output: plain.output,
      bytes: 33_000,
      encoding: searched,
    });
  });

  it('counts outputs and the bytes searches saved, in the summary and in --json', () => {
    const totals = emptyTotals();
    countOutputs(totals, fileDone(outcomes));
    const failedFile: Extract<EngineEvent, { type: 'file-failed' }> = {
      type: 'file-failed',
      file: 'b.jpg',
      root: 0,
      code: 'SIZE_CAP_UNREACHED',
      stage: 'encode',
      message: '320 px WebP: Too large. (1 of 2 outputs were written)',
      outputs: [
        { output: 0, label: '320 px AVIF', result: done('b-320.avif', 10_000, { ...searched, bytesAtFixed: 12_000 }) },
        {
          output: 1,
          label: '320 px WebP',
          result: { status: 'failed', code: 'SIZE_CAP_UNREACHED', stage: 'encode', message: 'Too large.' },
        },
      ],
    };
    countOutputs(totals, failedFile);
    expect(totals).toEqual({
      written: 3,
      skipped: 1,
      failed: 1,
      searched: 2,
      bytes: 25_000,
      bytesAtFixed: 32_000,
      wins: {},
    });
    expect(totalsLines(totals)).toEqual([
      'Outputs: 3 written, 1 skipped, 1 failed (listed above).',
      'Quality search on 2 outputs: wrote 25 kB where fixed quality would have written 32 kB: 7.0 kB saved vs fixed quality (22%).',
    ]);
    const json = jsonSummary(summary, [], { totals });
    expect(json.outputTotals).toEqual({ written: 3, skipped: 1, failed: 1 });
    expect(json.search).toEqual({ outputs: 2, bytes: 25_000, bytesAtFixed: 32_000, bytesSaved: 7000 });
    expect(humanSummary(summary, out(''), false, totals)).toContain('7.0 kB saved vs fixed quality (22%)');
  });

  it('says which format won the shoot-outs how often', () => {
    const totals = emptyTotals();
    const shootOut = (format: 'avif' | 'webp') => ({
      ...searched,
      format,
      candidates: [
        { format: 'avif' as const, bytes: 9_000, quality: 50 },
        { format: 'webp' as const, bytes: 11_000, quality: 80 },
      ],
    });
    for (const f of ['avif', 'webp', 'avif'] as const)
      countOutputs(totals, { ...fileDone(), encoding: shootOut(f) } as Extract<EngineEvent, { type: 'file-done' }>);
    expect(totals.wins).toEqual({ avif: 2, webp: 1 });
    expect(totalsLines(totals).at(-1)).toBe('Smallest format, by shoot-out: AVIF 2×, WebP 1×.');
    expect(jsonSummary(summary, [], { totals }).shootOutWins).toEqual({ avif: 2, webp: 1 });
  });

  it('says nothing extra for a run without several outputs or searches', () => {
    const totals = emptyTotals();
    countOutputs(totals, fileDone());
    expect(totalsLines(totals)).toEqual([]);
    const json = jsonSummary(summary, [], { totals });
    expect('outputTotals' in json || 'search' in json).toBe(false);
  });

  it('a target that needed more bytes than the fixed quality says so', () => {
    const totals = { ...emptyTotals(), searched: 1, bytes: 12_000, bytesAtFixed: 10_000 };
    expect(totalsLines(totals)[0]).toMatch(/: 2\.0 kB more than fixed quality \(20%\), to reach the target\.$/);
  });

  it('the outputs of a file that failed go with its error in --json', () => {
    const failedOutputs = new Map([
      ['b.jpg', [{ index: 0, label: '320 px AVIF', status: 'done' as const, output: out('b-320.avif') }]],
    ]);
    const withError = {
      ...summary,
      failed: 1,
      errors: [{ file: 'b.jpg', root: 0, code: 'SIZE_CAP_UNREACHED' as const, stage: 'encode' as const, message: 'm' }],
    };
    expect(jsonSummary(withError, [], { failedOutputs }).errors).toEqual([
      { file: 'b.jpg', code: 'SIZE_CAP_UNREACHED', message: 'm', outputs: failedOutputs.get('b.jpg') },
    ]);
  });
});
