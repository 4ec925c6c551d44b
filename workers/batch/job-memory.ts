// How much memory one job may take at its peak, estimated from its header before it starts, so
// jobs can be admitted against a budget (memory-budget.ts) instead of all decoding at once.
//
// Measured on 100-MP RGB PNGs (300 MB decoded) in one worker process: fit inside 5000 px and
// write PNG took the worker 130 MB above idle, PNG to PNG at full size 230 MB (libvips streams
// both), rotate by 90° then sharpen 600 MB (a rotation needs the whole image in memory, and the
// next pass another copy). So a streaming chain is estimated at 0.8 × the decoded size, and
// one that holds the whole image (a rotation, a vertical flip, trim, normalise, a smart crop, a
// chain cut into several passes, several outputs from one decode, a quality search) at 2 ×.
import type { ImageJob } from '../../common/job.js';
import type { PipelineSpec, Step } from '../../common/pipeline.js';
import { searches } from '../../common/recipes.js';
import { planStages } from '../image/plan-stages.js';
import type { JobHeader } from './job-size.js';

/** What any job costs besides its pixels: buffers, the encoder's state, the file in memory. */
const FLOOR_MB = 32;
const STREAMING = 0.8;
const HOLDS_WHOLE = 2;

function holdsWhole(step: Step): boolean {
  if (!step.enabled) return false;
  switch (step.op) {
    case 'rotate':
    case 'trim':
    case 'normalise':
      return true;
    case 'flip':
      return step.params.direction !== 'horizontal';
    case 'crop':
      return step.params.mode !== 'rectangle';
    default:
      return false;
  }
}

function factorOf(spec: PipelineSpec, job: Pick<ImageJob, 'targets'>): number {
  const enabled = spec.steps.filter((s) => s.enabled);
  const whole =
    enabled.some(holdsWhole) ||
    planStages(enabled).length > 1 ||
    (job.targets?.length ?? 0) > 1 ||
    searches(spec.output);
  return whole ? HOLDS_WHOLE : STREAMING;
}

/** The job's estimated peak in MB; an unreadable header gets the floor (the worker will refuse the file). */
export function jobMemoryMb(header: JobHeader | undefined, job: Pick<ImageJob, 'spec' | 'targets'>): number {
  if (!header) return FLOOR_MB;
  const decoded = header.inputMegapixels * header.bands * header.bytesPerSample;
  // An enlargement's output is held too, at 4 bands.
  const enlarged = Math.max(0, header.outputMegapixels - header.inputMegapixels) * 4;
  return Math.ceil(FLOOR_MB + (decoded + enlarged) * factorOf(job.spec, job));
}
