// The chart is drawn from synthetic shapes and rasterised by sharp: it must be a valid SVG with one
// bar per measured configuration, each as long as its ratio says.
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { chartBars, renderChart } from './chart.js';
import type { ConfigSpeed, JobShape } from './shapes.js';

const speed = (label: string, vsBestFixed: number | null, mode?: string): ConfigSpeed => ({
  id: label,
  label,
  ...(mode ? { mode } : {}),
  workers: 2,
  imagesPerSecond: 1,
  vsBestFixed,
});

function shape(job: JobShape['job'], over: Partial<JobShape> = {}): JobShape {
  return {
    job,
    label: `${job} <label> & co`,
    fixed: [],
    bestFixed: speed('processes ×2', 1, 'processes'),
    bestPerMode: [speed('processes ×2', 1, 'processes'), speed('threads ×3', 0.9, 'threads')],
    auto: speed('auto', 0.5),
    autoChoice: { mode: 'threads', workers: 3, libvipsThreads: 1, reason: '' },
    autoChoices: [],
    autoVsBestFixed: 0.5,
    bareSharp: speed('bare sharp ×2', 1.1),
    pixmillVsBareSharp: 0.45,
    anchors: [
      { tool: 'vipsthumbnail', vsPixmill: 1, best: speed('vipsthumbnail ×2', 0.25) },
      { tool: 'mogrify', vsPixmill: null, best: null, skipped: 'cannot' },
    ],
    ...over,
  };
}

describe('bench chart', () => {
  it('has one bar per measured configuration, in series order, and none for a skipped anchor', () => {
    expect(chartBars(shape('plain')).map((b) => [b.series, b.value])).toEqual([
      ['processes', 1],
      ['threads', 0.9],
      ['auto', 0.5],
      ['bare sharp', 1.1],
      ['vipsthumbnail', 0.25],
    ]);
    expect(chartBars(shape('png', { auto: null, bareSharp: null, bestPerMode: [] })).map((b) => b.series)).toEqual([
      'vipsthumbnail',
    ]);
  });

  it('draws bar lengths in proportion to the ratios and escapes text', () => {
    const svg = renderChart([shape('plain'), shape('avif')], '2 cores <test>');
    const widths = [...svg.matchAll(/<rect x="170" y="[\d.]+" width="([\d.]+)" height="13"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(10);
    // processes (1.0) is twice auto (0.5) and four times vipsthumbnail (0.25).
    expect(widths[0]! / widths[2]!).toBeCloseTo(2, 1);
    expect(widths[0]! / widths[4]!).toBeCloseTo(4, 1);
    expect(svg).toContain('auto → threads ×3');
    expect(svg).toContain('2 cores &lt;test&gt;');
    expect(svg).not.toContain('<label>');
  });

  it('is an SVG that sharp can rasterise', async () => {
    const svg = renderChart([shape('plain'), shape('small', { auto: null })], 'synthetic');
    const { info } = await sharp(Buffer.from(svg)).png().toBuffer({ resolveWithObject: true });
    expect(info.width).toBe(820);
    expect(info.height).toBeGreaterThan(150);
  });
});
