#!/usr/bin/env node
// The reference of `pixmill bench`: the same job with bare sharp, no pool, no checks, no temp
// files — N images in flight in one process, each pipeline on one libvips thread. What a pool
// costs is measured against this.
//   node bench/bare-sharp.mjs --list FILES.txt --out DIR --jobs N --job plain|full
// The bench sets UV_THREADPOOL_SIZE so that N pipelines and their file I/O all find a thread.
import { readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';

const { values } = parseArgs({
  options: {
    list: { type: 'string' },
    out: { type: 'string' },
    jobs: { type: 'string' },
    job: { type: 'string', default: 'plain' },
  },
});
if (!values.list || !values.out || !values.jobs) {
  process.stderr.write('usage: bare-sharp.mjs --list FILES.txt --out DIR --jobs N [--job plain|full]\n');
  process.exit(2);
}
sharp.concurrency(1);
sharp.cache(false);

const files = (await readFile(values.list, 'utf8')).split('\n').filter(Boolean);
const full = values.job === 'full';
const jobs = Number(values.jobs);

async function one(file) {
  let image = sharp(file).autoOrient().resize(1600, 1600, { fit: 'inside', withoutEnlargement: true });
  if (full) image = image.sharpen({ sigma: 0.5 });
  // sharp writes no metadata unless asked: this is "stripped".
  await image.jpeg({ quality: 80 }).toFile(join(values.out, `${basename(file, extname(file))}.jpg`));
}

let next = 0;
let failed = 0;
async function lane() {
  while (next < files.length) {
    const file = files[next++];
    await one(file).catch((err) => {
      failed++;
      process.stderr.write(`${file}: ${err.message}\n`);
    });
  }
}
await Promise.all(Array.from({ length: jobs }, lane));
process.exitCode = failed > 0 ? 1 : 0;
