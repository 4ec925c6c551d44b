#!/usr/bin/env node
// The reference of `pixmill bench`: the same job with bare sharp, no pool, no checks, no temp
// files — N images in flight in one process, each pipeline on one libvips thread. What a pool
// costs is measured against this.
//   node bench/bare-sharp.mjs --list FILES.txt --out DIR --jobs N --job plain|full|webp|avif|png|small
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
// Each job as Pixmill's default effort writes it (workers/bench/jobs.ts): WebP effort 3, AVIF
// effort 2, zlib level 6. Kept here rather than imported, so the reference stays bare.
const JOBS = {
  plain: { box: 1600, encode: (i) => i.jpeg({ quality: 80 }), ext: 'jpg' },
  full: { box: 1600, sharpen: true, encode: (i) => i.jpeg({ quality: 80 }), ext: 'jpg' },
  webp: { box: 1600, encode: (i) => i.webp({ quality: 80, effort: 3 }), ext: 'webp' },
  avif: { box: 1200, encode: (i) => i.avif({ quality: 60, effort: 2 }), ext: 'avif' },
  png: { box: 2400, encode: (i) => i.png({ compressionLevel: 6 }), ext: 'png' },
  small: { box: 320, encode: (i) => i.jpeg({ quality: 80 }), ext: 'jpg' },
};
const job = JOBS[values.job];
if (!values.list || !values.out || !values.jobs || !job) {
  process.stderr.write(
    `usage: bare-sharp.mjs --list FILES.txt --out DIR --jobs N [--job ${Object.keys(JOBS).join('|')}]\n`,
  );
  process.exit(2);
}
sharp.concurrency(1);
sharp.cache(false);

const files = (await readFile(values.list, 'utf8')).split('\n').filter(Boolean);
const jobs = Number(values.jobs);

async function one(file) {
  let image = sharp(file).autoOrient().resize(job.box, job.box, { fit: 'inside', withoutEnlargement: true });
  if (job.sharpen) image = image.sharpen({ sigma: 0.5 });
  // sharp writes no metadata unless asked: this is "stripped".
  await job.encode(image).toFile(join(values.out, `${basename(file, extname(file))}.${job.ext}`));
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
