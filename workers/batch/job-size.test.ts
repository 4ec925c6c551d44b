// The size and output format a job's "auto" time limit is worked out from, read from the file.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';
import { makeImage, tempDir } from '../../tests/fixtures.js';
import { jobSize } from './job-size.js';

let dir: string;
let jpeg: string;
let jxl: string;

beforeAll(async () => {
  dir = await tempDir('pixmill-job-size-');
  jpeg = await makeImage(join(dir, 'photo.jpg'), { width: 400, height: 300 });
  // A bare JPEG XL codestream's signature is all "keep" needs to see.
  jxl = join(dir, 'photo.jxl');
  await writeFile(jxl, Buffer.concat([Buffer.from([0xff, 0x0a]), Buffer.alloc(4000)]));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

describe('jobSize', () => {
  it('"keep" writes a JPEG XL original as JPEG XL, so it is timed as one', async () => {
    const keep = makePipeline();
    expect((await jobSize(jxl, keep))?.format).toBe('jxl');
    expect((await jobSize(jpeg, keep))?.format).toBe('jpeg');
    expect((await jobSize(jpeg, makePipeline({ output: { format: 'jxl' } })))?.format).toBe('jxl');
  });
});
