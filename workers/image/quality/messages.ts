// What a search says when it could not do all it was asked: one sentence per warning or error,
// naming the numbers a person set and the ones the file got.
import { type FileError, fileError } from '../../../common/errors.js';
import { formatBytes } from '../../../common/format.js';
import { type FileWarning, fileWarning } from '../../../common/warnings.js';

const score = (s: number | undefined): string => (s === undefined ? 'an unknown score' : `a score of ${s.toFixed(1)}`);

/** The target was out of reach within the qualities allowed. */
export const targetUnreachable = (target: number, best: number | undefined, quality: number): FileWarning =>
  fileWarning(
    'TARGET_MISSED',
    `The quality target ${target} could not be reached: the best file found has ${score(best)} (quality ${quality}).`,
  );

/** The size cap came first, so the target was given up. */
export const targetGivenUpForCap = (
  target: number,
  maxBytes: number,
  got: number | undefined,
  quality: number,
): FileWarning =>
  fileWarning(
    'TARGET_MISSED',
    `The size cap of ${formatBytes(maxBytes)} comes before the quality target ${target}: the file has ${score(got)} (quality ${quality}).`,
  );

export const capMissed = (maxBytes: number, bytes: number, minQuality: number): FileWarning =>
  fileWarning(
    'SIZE_CAP_MISSED',
    `The size cap of ${formatBytes(maxBytes)} could not be reached at the lowest quality allowed (${minQuality}): the smallest file, ${formatBytes(bytes)}, was kept.`,
  );

export const downscaledToFit = (
  maxBytes: number,
  to: { width: number; height: number },
  from: { width: number; height: number },
  minQuality: number,
): FileWarning =>
  fileWarning(
    'DOWNSCALED_TO_FIT',
    `To fit the size cap of ${formatBytes(maxBytes)}, the image was made smaller: ${to.width}×${to.height} instead of ${from.width}×${from.height}, at quality ${minQuality}.`,
  );

export const capUnreached = (maxBytes: number, bytes: number, minQuality: number, downscaled: boolean): FileError =>
  fileError(
    'SIZE_CAP_UNREACHED',
    'encode',
    downscaled
      ? `still ${formatBytes(bytes)} when made smaller at quality ${minQuality} (the cap is ${formatBytes(maxBytes)}; its metadata may be larger than the cap)`
      : `${formatBytes(bytes)} at quality ${minQuality}; the cap is ${formatBytes(maxBytes)}`,
    ...(downscaled
      ? [
          'The output did not fit its size cap even when made much smaller (at the lowest quality allowed), so it was not written.',
        ]
      : []),
  );
