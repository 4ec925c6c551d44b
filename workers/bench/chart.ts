// The README's chart: per job shape, each contender's speed relative to the best fixed Pixmill
// configuration (medians of per-round ratios), as a plain SVG written from the bench's result, so
// it needs no plotting library and can be regenerated from any `--json` output.
import type { JobShape } from './shapes.js';

export interface ChartBar {
  series: string;
  /** What ran, e.g. "threads ×2"; shown after the value. */
  label: string;
  value: number;
}

export const SERIES = [
  { name: 'processes', colour: '#4e79a7' },
  { name: 'threads', colour: '#59a14f' },
  { name: 'inline', colour: '#9c755f' },
  { name: 'auto', colour: '#e15759' },
  { name: 'bare sharp', colour: '#bab0ac' },
  { name: 'vipsthumbnail', colour: '#f28e2b' },
  { name: 'mogrify', colour: '#b07aa1' },
] as const;

/** A job's bars in series order; configurations that were not measured have none. */
export function chartBars(s: JobShape): ChartBar[] {
  const bars: ChartBar[] = [];
  const add = (series: string, label: string, value: number | null | undefined) => {
    if (value !== null && value !== undefined && Number.isFinite(value)) bars.push({ series, label, value });
  };
  for (const m of s.bestPerMode) add(m.mode ?? '', m.label, m.vsBestFixed);
  if (s.auto) {
    const c = s.autoChoice;
    add('auto', c ? `auto → ${c.mode} ×${c.workers}` : 'auto', s.auto.vsBestFixed);
  }
  if (s.bareSharp) add('bare sharp', s.bareSharp.label, s.bareSharp.vsBestFixed);
  for (const a of s.anchors) if (a.best) add(a.tool, a.best.label, a.best.vsBestFixed);
  return bars;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const colourOf = (series: string) => SERIES.find((s) => s.name === series)?.colour ?? '#777777';

const BAR = 13;
const GAP = 3;
const GROUP_GAP = 16;
const LEFT = 170;
const WIDTH = 820;
const PLOT = 520;

/** The chart as an SVG document. `subtitle` names the machine and the rounds. */
export function renderChart(shapes: readonly JobShape[], subtitle: string): string {
  const groups = shapes.map((s) => ({ s, bars: chartBars(s) }));
  const max = Math.max(1.2, ...groups.flatMap((g) => g.bars.map((b) => b.value))) * 1.02;
  const x = (v: number) => LEFT + (v / max) * PLOT;
  const top = 78;
  let y = top;
  const parts: string[] = [];
  for (const { s, bars } of groups) {
    const height = Math.max(1, bars.length) * (BAR + GAP) - GAP;
    parts.push(
      `<text x="${LEFT - 10}" y="${y + height / 2 - 2}" text-anchor="end" font-weight="bold">${escapeXml(s.job)}</text>`,
      `<text x="${LEFT - 10}" y="${y + height / 2 + 12}" text-anchor="end" fill="#555">${escapeXml(s.label)}</text>`,
    );
    for (const [i, b] of bars.entries()) {
      const by = y + i * (BAR + GAP);
      parts.push(
        `<rect x="${LEFT}" y="${by}" width="${(x(b.value) - LEFT).toFixed(1)}" height="${BAR}" fill="${colourOf(b.series)}"/>`,
        // A white halo keeps the figure readable where it crosses a rule.
        `<text x="${(x(b.value) + 4).toFixed(1)}" y="${by + BAR - 2}" stroke="#fff" stroke-width="3" paint-order="stroke">${b.value.toFixed(2)}  ${escapeXml(b.label)}</text>`,
      );
    }
    if (bars.length === 0) parts.push(`<text x="${LEFT + 4}" y="${y + BAR - 2}" fill="#555">not measured</text>`);
    y += height + GROUP_GAP;
  }
  const bottom = y - GROUP_GAP + 6;
  // The two rules are close together: one label starts at its rule, the other ends at its own.
  const rule = (v: number, dash: string, text: string, anchor: 'start' | 'end') =>
    `<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${bottom}" stroke="#333" stroke-dasharray="${dash}"/>` +
    `<text x="${(x(v) + (anchor === 'start' ? 3 : -3)).toFixed(1)}" y="${bottom + 14}" text-anchor="${anchor}" fill="#333">${text}</text>`;
  // Each entry as wide as its name (about 6.5 px a character at 11 px).
  let lx = LEFT;
  const legend = SERIES.map((s) => {
    const entry = `<rect x="${lx}" y="44" width="10" height="10" fill="${s.colour}"/><text x="${lx + 14}" y="53">${s.name}</text>`;
    lx += 14 + s.name.length * 6.5 + 16;
    return entry;
  });
  const height = bottom + 28;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="11">`,
    // The title is what a screen reader (and the README's image) says the chart is.
    '<title>Threads or processes? Speed per job, as a share of the best fixed Pixmill configuration</title>',
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="12" y="20" font-size="14" font-weight="bold">Threads or processes? Speed per job ÷ the best fixed Pixmill configuration</text>`,
    `<text x="12" y="36" fill="#555">${escapeXml(subtitle)}</text>`,
    ...legend,
    rule(1, '4 3', '1.00 = best fixed', 'start'),
    rule(0.97, '1 3', 'goal for auto: 0.97', 'end'),
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
