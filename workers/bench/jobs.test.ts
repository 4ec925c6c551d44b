// Every job shape is well formed: its pipeline passes the schema, and every contender that runs it
// writes the job's format at the job's size — the bare sharp reference really runs here.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { anchorSkipReason, mogrifyArgs, vipsthumbnailOutput } from './anchors.js';
import { BARE_SHARP_SCRIPT, launchSpecs, planRace } from './contenders.js';
import { BENCH_JOBS, JOBS, jobPipeline } from './jobs.js';
import { imageSize } from './output-check.js';

let work: string;
let list: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'pixmill-jobs-test-'));
  const files = [join(work, 'wide.jpg'), join(work, 'tall.png')];
  await sharp({ create: { width: 3000, height: 1000, channels: 3, background: '#708090' } })
    .jpeg()
    .toFile(files[0]!);
  await sharp({ create: { width: 500, height: 2600, channels: 3, background: '#405060' } })
    .png()
    .toFile(files[1]!);
  list = join(work, 'list.txt');
  await writeFile(list, `${files.join('\n')}\n`);
});
afterAll(() => rm(work, { recursive: true, force: true }));

describe.each(BENCH_JOBS)('bench job %s', (job) => {
  const j = JOBS[job];

  it('is a valid pipeline that writes the job’s format inside its box', () => {
    const spec = makePipeline(jobPipeline(job));
    expect(spec.output.format).toBe(j.format);
    expect(spec.steps[0]).toMatchObject({ op: 'resize', params: { width: j.box, height: j.box } });
    expect(spec.steps.some((s) => s.op === 'sharpen')).toBe(j.sharpen);
  });

  it('runs in bare sharp: one output per input, in the format, fitted inside the box', async () => {
    const out = join(work, `out-${job}`);
    await mkdir(out);
    await promisify(execFile)(process.execPath, [
      BARE_SHARP_SCRIPT,
      '--list',
      list,
      '--out',
      out,
      '--jobs',
      '2',
      '--job',
      job,
    ]);
    const names = (await readdir(out)).sort();
    expect(names).toEqual([`tall.${j.ext}`, `wide.${j.ext}`]);
    const wide = imageSize(await readFile(join(out, `wide.${j.ext}`)));
    const tall = imageSize(await readFile(join(out, `tall.${j.ext}`)));
    // Never enlarged: the 500 px edge stays 500 when the box is larger.
    expect(wide).toEqual({ width: Math.min(3000, j.box), height: Math.round(Math.min(3000, j.box) / 3) });
    expect(tall).toEqual({ width: Math.round((500 * Math.min(2600, j.box)) / 2600), height: Math.min(2600, j.box) });
  });

  it('tells the anchors the same size and format, or says why one sits it out', () => {
    expect(vipsthumbnailOutput(job, '/out')).toMatch(new RegExp(`^/out/%s\\.${j.ext}\\[`));
    const args = mogrifyArgs(job);
    expect(args.slice(0, 2)).toEqual(['-format', j.ext]);
    expect(args).toContain(`${j.box}x${j.box}>`);
    const tools = { vipsthumbnail: { path: 'vt', version: '1' }, mogrify: { path: 'mg', version: '1' } };
    const { contenders, skipped } = planRace({ jobs: [job], workerCounts: [2], modes: ['threads'], tools });
    for (const s of skipped) expect(s.reason).toBe(anchorSkipReason(s.tool, job));
    expect(contenders.filter((c) => c.tool === 'vipsthumbnail' || c.tool === 'mogrify').length + skipped.length).toBe(
      2,
    );
  });
});

describe('auto in the race', () => {
  it('runs without --workers, as people run it, and keeps its summary', () => {
    const { contenders } = planRace({
      jobs: ['plain'],
      workerCounts: [2],
      modes: ['processes'],
      auto: { workers: 4 },
      tools: {},
    });
    const auto = contenders.find((c) => c.mode === 'auto')!;
    const paths = { inputDir: 'in', listFile: 'l', files: [], outDir: 'o', pipelineFile: 'p', statsFile: 's' };
    const [spec] = launchSpecs(auto, paths, {});
    expect(spec!.args).not.toContain('--workers');
    expect(spec!.args).toEqual(expect.arrayContaining(['--mode', 'auto', '--json']));
    expect(spec!.captureStdout).toBe(true);
    const [fixed] = launchSpecs(contenders.find((c) => c.mode === 'processes')!, paths, {});
    expect(fixed!.args).toEqual(expect.arrayContaining(['--workers', '2', '--mode', 'processes']));
  });
});
