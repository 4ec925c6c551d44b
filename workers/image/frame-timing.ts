// Frame delays as the output really holds them. libvips' WebP writer turns every delay of 10 ms
// or less into 100 ms (what browsers show for such frames, but not what the file said), so the
// written durations are set back in the file; GIF counts in hundredths of a second, so a delay
// that is not a multiple of 10 ms changes, and that is reported.
import type { ConcreteFormat } from '../../common/pipeline.js';
import { type FileWarning, fileWarning } from '../../common/warnings.js';

/** What libvips' WebP writer makes of a delay (webpsave.c: "force frames with a small or no duration to 100ms"). */
const webpWritten = (delay: number): number => (delay <= 10 ? 100 : delay);

/** Offsets of the 24-bit duration field of each ANMF (animation frame) chunk of a WebP file. */
function anmfDurationOffsets(webp: Buffer): number[] {
  const offsets: number[] = [];
  if (webp.toString('latin1', 0, 4) !== 'RIFF' || webp.toString('latin1', 8, 12) !== 'WEBP') return offsets;
  for (let i = 12; i + 8 <= webp.length; ) {
    const size = webp.readUInt32LE(i + 4);
    // Frame X, Y, width and height come first, 3 bytes each; then the duration.
    if (webp.toString('latin1', i, i + 4) === 'ANMF' && i + 8 + 15 <= webp.length) offsets.push(i + 8 + 12);
    i += 8 + size + (size & 1);
  }
  return offsets;
}

/**
 * Writes the intended delays into a WebP that libvips encoded with `delays`. The encoder merges a
 * frame identical to the one before it into that one (adding up their durations), so each written
 * frame stands for a run of intended ones; the runs are found by adding up what the writer made
 * of each delay. A file that does not add up is left as it is (and its timing is then reported).
 */
export function restoreWebpDelays(webp: Buffer, delays: readonly number[]): Buffer {
  const offsets = anmfDurationOffsets(webp);
  const restored: number[] = [];
  let next = 0;
  for (const offset of offsets) {
    const written = webp.readUIntLE(offset, 3);
    let sum = 0;
    let intended = 0;
    while (sum < written && next < delays.length) {
      sum += webpWritten(delays[next]!);
      intended += delays[next]!;
      next++;
    }
    if (sum !== written) return webp;
    restored.push(intended);
  }
  if (next !== delays.length) return webp;
  for (const [i, offset] of offsets.entries()) webp.writeUIntLE(Math.min(restored[i]!, 0xffffff), offset, 3);
  return webp;
}

const total = (delays: readonly number[]): number => delays.reduce((a, b) => a + b, 0);

/** Start times of frames: 0, d0, d0 + d1, … */
function startTimes(delays: readonly number[]): Set<number> {
  const starts = new Set<number>();
  let t = 0;
  for (const d of delays) {
    starts.add(t);
    t += d;
  }
  return starts;
}

/**
 * Compares the delays the input has with those the output holds. An output frame may stand for
 * several identical input frames (encoders merge them), so frames are matched by when they start.
 */
export function timingWarning(
  format: ConcreteFormat,
  intended: readonly number[] | undefined,
  written: readonly number[] | undefined,
): FileWarning | undefined {
  if (!intended || intended.length < 2 || !written || written.length < 1) return undefined;
  const starts = startTimes(intended);
  const unchanged = total(written) === total(intended) && [...startTimes(written)].every((t) => starts.has(t));
  if (unchanged) return undefined;
  const lasts =
    total(written) === total(intended)
      ? ''
      : ` (the animation now lasts ${total(written)} ms instead of ${total(intended)} ms)`;
  if (format === 'gif') {
    const rounded = intended.filter((d) => d % 10 !== 0).length;
    return fileWarning(
      'TIMING_CHANGED',
      `GIF stores frame times in steps of 10 ms: ${rounded} of ${intended.length} frame times were rounded${lasts}.`,
    );
  }
  return fileWarning('TIMING_CHANGED', `The frame times of this animation changed${lasts}.`);
}
