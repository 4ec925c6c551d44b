// A written file's score, from its bytes alone, on the whole image: what a test or the bench
// checks a search's answer with, sharing nothing with the search but the metric itself.
import type { ConcreteFormat, Limits } from '../../../common/pipeline.js';
import { rgbForScore } from './score-pixels.js';
import { prepareReference, scoreAgainst } from './ssimulacra2.js';

/** SSIMULACRA2 of `file` against the lossless `reference` (e.g. a PNG of the output's pixels). */
export async function scoreFile(
  reference: Buffer,
  file: Buffer,
  format: ConcreteFormat,
  limits: Limits,
): Promise<number> {
  const ref = await rgbForScore(reference, 'png', limits);
  const got = await rgbForScore(file, format, limits);
  if (got.width !== ref.width || got.height !== ref.height)
    throw new Error(`Expected a ${ref.width}×${ref.height} file to score but received ${got.width}×${got.height}`);
  return scoreAgainst(prepareReference(ref.data, ref.width, ref.height), got.data);
}
