// The external anchors per job: vipsthumbnail (libvips without sharp or Node) and ImageMagick's
// mogrify, told the same size, quality and effort as Pixmill. A tool that cannot do a job like for
// like is left out of it, and the report says why rather than comparing different work.
import { type BenchJob, JOBS } from './jobs.js';

export type Anchor = 'vipsthumbnail' | 'mogrify';
export const ANCHORS: readonly Anchor[] = ['vipsthumbnail', 'mogrify'];

/** Why a tool sits a job out; undefined when it can run it. */
export function anchorSkipReason(tool: Anchor, job: BenchJob): string | undefined {
  if (tool === 'vipsthumbnail' && JOBS[job].sharpen) return 'vipsthumbnail cannot sharpen';
  // IM 6 hands AVIF to libheif without a way to set the AV1 encoder's speed, and speed decides an
  // AVIF encode's time several times over: its time would not be like for like.
  if (tool === 'mogrify' && JOBS[job].format === 'avif') return "ImageMagick 6 cannot set the AV1 encoder's effort";
  return undefined;
}

/**
 * vipsthumbnail's output option: `[…]` are the saver's options. optimize_coding: sharp and
 * ImageMagick build optimal Huffman tables by default and libvips' jpegsave does not (8 % larger
 * files without it). WebP effort 3 and AVIF effort 2 are what Pixmill's default effort maps to.
 */
export function vipsthumbnailOutput(job: BenchJob, outDir: string): string {
  const j = JOBS[job];
  const options: Record<JobSpecFormat, string> = {
    jpeg: `Q=${j.quality},strip,optimize_coding`,
    webp: `Q=${j.quality},effort=3,strip`,
    avif: `Q=${j.quality},effort=2,compression=av1,strip`,
    png: 'compression=6,strip',
  };
  return `${outDir}/%s.${j.ext}[${options[j.format]}]`;
}

type JobSpecFormat = (typeof JOBS)[BenchJob]['format'];

/** mogrify's operations and format for the job; PNG -quality 60 is zlib level 6 with no row filter, as libvips writes. */
export function mogrifyArgs(job: BenchJob): string[] {
  const j = JOBS[job];
  const box = `${j.box}x${j.box}>`;
  const encode: Record<JobSpecFormat, string[]> = {
    jpeg: ['-quality', String(j.quality)],
    webp: ['-quality', String(j.quality), '-define', 'webp:method=3'],
    avif: ['-quality', String(j.quality)],
    png: ['-quality', '60'],
  };
  return [
    '-format',
    j.ext,
    '-auto-orient',
    '-resize',
    box,
    ...encode[j.format],
    '-strip',
    ...(j.sharpen ? ['-unsharp', '0x0.5'] : []),
  ];
}
