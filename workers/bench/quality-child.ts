// One run of the bench's quality table: one strategy over a list of photos, in a process of its
// own (the bench's own process never loads sharp). Each photo is first made into the output's
// pixels (upright, inside 1600×1600, metadata stripped: the bench's plain job), untimed; then the
// strategy's encoding is timed, wall and CPU: one JPEG q80 encode for the fixed strategy, the
// lossless handover PNG plus the whole search for the others. The file written is then scored
// on the whole image from its bytes alone, untimed.
//   node quality-bench.js --list FILES.txt --strategy fixed|target|cap|shootout|matched --target N --cap BYTES --out RESULT.json
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type ConcreteFormat, limitsSchema, outputSchema } from '../../common/pipeline.js';
import { outputEncoder } from '../image/quality/output-encoder.js';
import { scoreFile } from '../image/quality/score-file.js';
import { searchEncoding } from '../image/quality/search-encoding.js';
import sharp from '../image/sharp.js';
import {
  QUALITY_STRATEGIES,
  type QualityImageRun,
  type QualityStrategy,
  strategyOutput,
} from './quality-strategies.js';

const { values } = parseArgs({
  options: {
    list: { type: 'string' },
    strategy: { type: 'string' },
    target: { type: 'string' },
    cap: { type: 'string' },
    out: { type: 'string' },
  },
});
const strategy = values.strategy as QualityStrategy;
if (!values.list || !values.out || !QUALITY_STRATEGIES.includes(strategy)) {
  process.stderr.write(
    'usage: quality-bench.js --list FILES.txt --strategy fixed|target|cap|shootout|matched --target N --cap BYTES --out RESULT.json\n',
  );
  process.exit(2);
}
// As in a worker: one libvips thread per image, no operation cache.
sharp.concurrency(1);
sharp.cache(false);
const limits = limitsSchema.parse({});
const output = outputSchema.parse(
  strategyOutput(strategy, { target: Number(values.target ?? 80), cap: Number(values.cap ?? 100_000) }),
);
const encode = outputEncoder(output, limits);
const ms = (cpu: NodeJS.CpuUsage) => (cpu.user + cpu.system) / 1000;

const runs: QualityImageRun[] = [];
for (const file of (await readFile(values.list, 'utf8')).split('\n').filter(Boolean)) {
  const { data: raw, info } = await sharp(file)
    .autoOrient()
    .resize(1600, 1600, { fit: 'inside', withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rawImage = () => sharp(raw, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let data: Buffer;
  let format: ConcreteFormat = 'jpeg';
  let quality = output.quality;
  let encodes = 1;
  let warnings: string[] = [];
  if (strategy === 'fixed') {
    data = await encode(rawImage(), 'jpeg', output.quality);
  } else {
    const pixels = await rawImage().png({ compressionLevel: 0 }).toBuffer();
    let settings = output;
    if (strategy === 'matched') {
      // Timed with the rest: this mode would need the fixed file's score before searching.
      const fixedScore = await scoreFile(pixels, await encode(rawImage(), 'jpeg', output.quality), 'jpeg', limits);
      // The nearest whole score: targets are whole numbers, and rounding up would ask a 4:2:0
      // format for more than its chroma allows on some photos (a JPEG at 94.2 never reaches 95).
      settings = { ...output, targetScore: Math.min(100, Math.max(1, Math.round(fixedScore))) };
    }
    const found = await searchEncoding({ pixels, format: 'jpeg', output: settings, encode, limits });
    if ('error' in found) throw new Error(`${file}: ${found.error.code} ${found.error.detail ?? ''}`);
    ({ data } = found);
    ({ format, quality, encodes } = found.choice);
    warnings = found.warnings.map((w) => w.code);
  }
  const cpuMs = ms(process.cpuUsage(c0));
  const wallMs = performance.now() - t0;
  const reference = await rawImage().png({ compressionLevel: 0 }).toBuffer();
  const score = await scoreFile(reference, data, format, limits);
  runs.push({
    file,
    pixels: info.width * info.height,
    bytes: data.length,
    score,
    format,
    quality,
    encodes,
    wallMs,
    cpuMs,
    warnings,
  });
}
await writeFile(values.out, JSON.stringify(runs));
