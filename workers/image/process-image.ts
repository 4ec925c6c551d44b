// One job, start to finish: read → sharp pipeline (in stages) → temp file → commit.
// Never throws: every failure becomes a result with an error code.
import { rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { debuglog } from 'node:util';
import { type FileError, fileError } from '../../common/errors.js';
import { SECOND_DECODER } from '../../common/formats.js';
import type { EncodingChoice, ImageJob, JobResult } from '../../common/job.js';
import { OUTPUT_EXTENSIONS } from '../../common/pipeline.js';
import { searches } from '../../common/recipes.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';
import { lacksVariant, pipelineFailure, writeFailure } from './classify-error.js';
import { commitOutput } from './commit-output.js';
import {
  alphaWarning,
  keptOutWarning,
  metadataWarning,
  qualityWarning,
  sizeWarning,
  stepWarnings,
} from './file-warnings.js';
import { OutputFlatten } from './flatten.js';
import { recordInJournal } from './journal-line.js';
import { copyFileDates } from './metadata/file-dates.js';
import { applyFormat, applyMetadata, chooseFormat, type Encoded, encodeOutput, holdsAlpha } from './output-format.js';
import { depthWarning, planPixels } from './output-pixels.js';
import { planPages } from './page-plan.js';
import { processRecipe } from './process-recipe.js';
import { decodesBlank, failOnFor, type InputInfo, readInput } from './read-input.js';
import { Cancelled, runStages } from './run-stages.js';
import { encodeBySearch, searchIgnoredWarning, shootOutPlanFormat } from './search-output.js';
import sharp from './sharp.js';
import { StepRefused } from './steps/crop.js';
import { WatermarkUnreadable } from './steps/watermark.js';
import { verifyOutput } from './verify-output.js';

const debug = debuglog('pixmill');

const failed = (error: FileError): JobResult => ({ status: 'failed', ...error });

const LENIENT_MESSAGE = 'The file is slightly damaged or unusual; it was read leniently — check the output.';
const cancelled = (stage: FileError['stage']): JobResult => failed(fileError('CANCELLED', stage));

function stepFailure(err: unknown, format: InputInfo['format'], input: string): FileError {
  if (err instanceof WatermarkUnreadable) return fileError('WATERMARK_FAILED', 'process', err.detail, err.message);
  if (err instanceof StepRefused) return fileError('PROCESS_FAILED', 'process', undefined, err.message);
  return pipelineFailure(err, 'process', format, input);
}

/**
 * `rescue`: the strict decode failed on a decoder warning; decode leniently and say so.
 * `second`: libvips refused the pixels as unsupported; read them with the second decoder.
 */
async function run(
  job: ImageJob,
  signal: AbortSignal | undefined,
  rescue = false,
  second = false,
  preread?: InputInfo,
): Promise<JobResult> {
  const { spec } = job;
  const t0 = performance.now();
  const read = preread
    ? { ok: true as const, input: preread }
    : await readInput(job.input, spec.limits, rescue, second);
  if (!read.ok) return failed(read.error);
  const { input } = read;
  const { meta } = input;
  const warnings: FileWarning[] = [];
  if (input.lenient) warnings.push(fileWarning('DECODED_LENIENTLY', LENIENT_MESSAGE));
  if (input.decodeWarnings) warnings.push(...input.decodeWarnings);

  const { format: own, warning: formatWarning } = chooseFormat(
    spec.output.format,
    input.format,
    meta.hasAlpha ?? false,
  );
  if (formatWarning && spec.output.pickFormat.length === 0) warnings.push(fileWarning('FORMAT_CHANGED', formatWarning));
  // A shoot-out's pipeline is planned for the candidate that holds the most; the format written
  // is the one the search picks.
  let format = spec.output.pickFormat.length > 0 ? shootOutPlanFormat(spec.output.pickFormat) : own;
  const plan = planPages(spec.steps, input, format);
  if (plan.warning) warnings.push(plan.warning);
  const pixels = planPixels(meta, format, spec.steps);
  const depth = depthWarning(pixels);
  if (depth) warnings.push(depth);
  const quality = qualityWarning(format, spec.output);
  if (quality) warnings.push(quality);
  const t1 = performance.now();
  if (signal?.aborted) return cancelled('read');

  let encoded: Encoded;
  let choice: EncodingChoice | undefined;
  try {
    const first = sharp(input.source, {
      limitInputPixels: spec.limits.maxPixels,
      failOn: failOnFor(input),
      animated: plan.animated,
    }).autoOrient();
    if (pixels.pipeline) first.pipelineColourspace(pixels.pipeline);
    const oriented = meta.autoOrient ?? { width: meta.width ?? 1, height: meta.height ?? 1 };
    const pages = plan.animated ? (meta.pages ?? 1) : 1;
    const start = {
      width: oriented.width,
      height: meta.pageHeight && plan.animated ? meta.pageHeight : oriented.height,
      exact: true,
      pages,
    };
    warnings.push(...stepWarnings(spec.steps, start));
    const flatten = new OutputFlatten(format, meta.hasAlpha ?? false, spec.steps, spec.output.metadata);
    const staged = await runStages(first, spec.steps, start, spec.limits.maxPixels, meta.hasAlpha ?? false, signal);
    const image = await flatten.afterFilters(staged.image, spec.limits.maxPixels);
    const passes = staged.materialised + (flatten.pass ? 1 : 0);
    const metadata = metadataWarning(meta, format, spec.output, passes);
    if (metadata) warnings.push(metadata);
    applyMetadata(image, spec.output, pixels);
    const animation = plan.animated ? { delay: meta.delay, loop: meta.loop } : undefined;
    if (searches(spec.output) && !plan.animated) {
      const searched = await encodeBySearch(image, own, spec.output, spec.limits, pixels, !!meta.iptc, signal);
      if ('error' in searched) return failed(searched.error);
      ({ encoded } = searched);
      choice = searched.choice;
      warnings.push(...searched.warnings);
      // A shoot-out won by JPEG lays transparency on the background, as a JPEG output does.
      if (choice.format !== format && !holdsAlpha(choice.format) && holdsAlpha(format)) {
        const jpeg = new OutputFlatten(choice.format, meta.hasAlpha ?? false, spec.steps, spec.output.metadata);
        if (await jpeg.transparent(input.source, spec.limits.maxPixels))
          warnings.push(alphaWarning(choice.format, spec.output.background));
      }
      format = choice.format;
    } else {
      if (searches(spec.output)) warnings.push(searchIgnoredWarning(own, spec.output.quality));
      if (spec.output.pickFormat.length > 0) format = own;
      applyFormat(image, format, spec.output, animation, pixels);
      encoded = await encodeOutput(image, format, spec.output, spec.limits);
      if (encoded.warnings) warnings.push(...encoded.warnings);
    }
    if (await flatten.transparent(input.source, spec.limits.maxPixels))
      warnings.push(alphaWarning(format, spec.output.background));
    const overlays = spec.steps.some((s) => s.enabled && (s.op === 'watermark' || s.op === 'text'));
    const mayLoseDepth = overlays || passes > 0 || !['rgb16', 'grey16'].includes(meta.space ?? '');
    warnings.push(
      ...(await verifyOutput(encoded.data, {
        format,
        pages: plan,
        pixels,
        delay: meta.delay,
        mayLoseDepth,
        info: encoded.info,
        limits: spec.limits,
      })),
    );
  } catch (err) {
    if (err instanceof Cancelled) return cancelled('process');
    const error = stepFailure(err, input.format, job.input);
    // An old-style JPEG TIFF, a tiled-planar one: libvips lacks the variant, ImageMagick has it.
    if (lacksVariant(error) && input.decoder === 'libvips' && SECOND_DECODER.has(input.format)) {
      const decoded = await run(job, signal, false, true);
      if (decoded.status !== 'failed' || decoded.code === 'CANCELLED') return decoded;
    }
    // A decoder warning (stray bytes before a JPEG marker, an odd TIFF tag) refuses files that
    // browsers show: such a file gets one lenient try, unless that gives a blank image.
    const rescuable = input.decoder === 'libvips' && !input.lenient;
    if (error.code === 'DECODE_FAILED' && rescuable && !(await decodesBlank(job.input, spec.limits))) {
      const rescued = await run(job, signal, true);
      if (rescued.status !== 'failed' || rescued.code === 'CANCELLED') return rescued;
    }
    return failed(error);
  }
  const t2 = performance.now();
  const larger = sizeWarning(input.bytes, encoded.data.length);
  if (larger) warnings.push(larger);

  const width = encoded.info.width;
  const height = encoded.info.pageHeight ?? encoded.info.height;
  const base = job.nameTemplate.replaceAll('{w}', String(width)).replaceAll('{h}', String(height));
  const ext = OUTPUT_EXTENSIONS[format];
  if (basename(base) !== base || resolve(dirname(job.tempPath)) !== resolve(job.outDir)) {
    return failed(
      fileError(
        'WRITE_FAILED',
        'write',
        `name ${base}, temp ${job.tempPath}`,
        'The output would be written outside the output folder.',
      ),
    );
  }
  if (spec.output.conflict === 'overwrite' && resolve(job.outDir, `${base}.${ext}`) === resolve(job.input)) {
    return failed(fileError('OUTPUT_IS_INPUT', 'write'));
  }
  // Decided before anything touches the disk: no temp file, no existing output replaced. The
  // other warnings describe an output that will not exist, so only this one is kept.
  if (spec.output.skipLarger && encoded.data.length > input.bytes) {
    return {
      status: 'skipped',
      output: join(job.outDir, `${base}.${ext}`),
      reason: 'larger',
      bytesIn: input.bytes,
      warnings: [keptOutWarning(input.bytes, encoded.data.length)],
    };
  }
  try {
    await writeFile(job.tempPath, encoded.data);
  } catch (err) {
    return failed(writeFailure(err));
  }
  if (signal?.aborted) return cancelled('write');
  let commit: Awaited<ReturnType<typeof commitOutput>>;
  try {
    commit = await commitOutput(job.tempPath, job.outDir, base, ext, spec.output.conflict);
  } catch (err) {
    return failed(writeFailure(err));
  }
  if (commit.status === 'skipped')
    return { status: 'skipped', output: commit.path, reason: 'exists', bytesIn: input.bytes };
  if (spec.output.keepDates) {
    const dates = await copyFileDates(job.input, commit.path);
    if (dates) warnings.push(dates);
  }
  if (job.journal) await recordInJournal(job.journal, job.input, commit.path, encoded.data);
  return {
    status: 'done',
    output: commit.path,
    format,
    width,
    height,
    bytesIn: input.bytes,
    bytesOut: encoded.data.length,
    timings: { read: t1 - t0, pipeline: t2 - t1, write: performance.now() - t2 },
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(choice ? { encoding: choice } : {}),
  };
}

export async function processImage(job: ImageJob, signal?: AbortSignal): Promise<JobResult> {
  if (job.targets) return processRecipe(job, signal, run);
  try {
    return await run(job, signal);
  } catch (err) {
    return failed(fileError('PROCESS_FAILED', 'worker', err instanceof Error ? err.message : String(err)));
  } finally {
    // On success the temp file was moved into place; on any other path it must not remain.
    await rm(job.tempPath, { force: true }).catch((e: unknown) =>
      debug('temp file %s not removed: %s', job.tempPath, e),
    );
  }
}
