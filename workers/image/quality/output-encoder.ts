// The search's encoder wired as the worker writes an output: the metadata policy, then the
// format's options with the probe's quality swapped in, then the encode (JPEG XL through
// ImageMagick). A recipe's animation and bit-depth plan are the worker's to add.
import type { Sharp } from 'sharp';
import type { ConcreteFormat, Limits, OutputSettings } from '../../../common/pipeline.js';
import { applyFormat, applyMetadata, encodeOutput } from '../output-format.js';
import type { OutputPixels } from '../output-pixels.js';
import type { EncodeFn } from './probe.js';

export function outputEncoder(output: OutputSettings, limits: Limits, pixels?: OutputPixels): EncodeFn {
  return async (image: Sharp, format: ConcreteFormat, quality: number) => {
    const o = { ...output, quality };
    applyMetadata(image, o, pixels);
    applyFormat(image, format, o, undefined, pixels);
    return (await encodeOutput(image, format, o, limits)).data;
  };
}
