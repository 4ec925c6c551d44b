// Built-in presets: complete pipelines a person can start from.
import { makePipeline, type PipelineSpec } from './pipeline.js';

export interface Preset {
  name: string;
  label: string;
  description: string;
  spec: PipelineSpec;
}

export const PRESETS: readonly Preset[] = [
  {
    name: 'web-1600',
    label: 'Web 1600 JPEG',
    description: 'Fit inside 1600×1600 (never enlarged), light sharpening, JPEG quality 82, metadata stripped, sRGB.',
    spec: makePipeline({
      steps: [
        { op: 'resize', params: { by: 'box', width: 1600, height: 1600, fit: 'inside' } },
        { op: 'sharpen', params: { mode: 'precise', sigma: 0.5 } },
      ],
      output: { format: 'jpeg', quality: 82, metadata: 'strip' },
    }),
  },
  {
    name: 'thumbnail-400',
    label: 'Thumbnail 400 WebP',
    description: 'Fit inside 400×400, WebP quality 75, metadata stripped.',
    spec: makePipeline({
      steps: [{ op: 'resize', params: { by: 'box', width: 400, height: 400, fit: 'inside' } }],
      output: { format: 'webp', quality: 75, metadata: 'strip', pattern: '{name}-thumb' },
    }),
  },
  {
    name: 'archive-avif',
    label: 'Archive AVIF',
    description:
      'Full size, AVIF quality 60 (visually close to the original at a fraction of the size), metadata and colour profile kept.',
    spec: makePipeline({
      steps: [],
      output: { format: 'avif', quality: 60, effort: 4, metadata: 'keep', toSrgb: false },
    }),
  },
  {
    name: 'square-1080',
    label: 'Square 1080 crop',
    description: 'Smart-crop to a 1080×1080 square keeping the most interesting part, JPEG quality 85.',
    spec: makePipeline({
      steps: [{ op: 'crop', params: { mode: 'attention', width: 1080, height: 1080 } }],
      output: { format: 'jpeg', quality: 85, metadata: 'strip', pattern: '{name}-square' },
    }),
  },
  {
    name: 'responsive-web',
    label: 'Responsive web',
    description:
      '320, 800 and 1600 px wide (never enlarged), each as WebP and JPEG, lightly sharpened after resizing, metadata stripped, sRGB, with an HTML <picture> snippet per image. One decode per image.',
    spec: makePipeline({
      steps: [
        { op: 'resize', params: { by: 'width', width: 1600 } },
        { op: 'sharpen', params: { mode: 'precise', sigma: 0.5 } },
      ],
      output: { quality: 80, metadata: 'strip' },
      outputs: [320, 800, 1600].flatMap((width) =>
        (['webp', 'jpeg'] as const).map((format) => ({ width, format, pattern: `{name}-${width}` })),
      ),
      manifest: 'html',
    }),
  },
];

export function findPreset(name: string): Preset | undefined {
  return PRESETS.find((p) => p.name === name);
}
