// Images per second for each mode, grouped by worker count. Colours come from the stylesheet
// (classes per mode), not from props: the page's CSP allows no inline styles in markup, and the
// light and dark palettes then follow the OS like the rest of the window.
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { BATCH_MODES, type BatchMode } from '../../../common/concurrency';
import { formatRate, plural } from '../../../common/format';
import type { AppBenchContender } from '../../../common/ipc';

type Row = { group: string } & Partial<Record<BatchMode, number>>;

/** One row per worker count, one column per mode that raced: the shape a grouped bar chart takes. */
export function chartRows(contenders: readonly AppBenchContender[]): Row[] {
  const counts = [...new Set(contenders.map((c) => c.workers))].sort((a, b) => a - b);
  return counts.map((workers) => {
    const row: Row = { group: plural(workers, 'worker') };
    for (const c of contenders)
      if (c.workers === workers && c.imagesPerSecond !== null) row[c.mode] = c.imagesPerSecond;
    return row;
  });
}

export const chartModes = (contenders: readonly AppBenchContender[]): BatchMode[] =>
  BATCH_MODES.filter((m) => contenders.some((c) => c.mode === m));

interface BenchmarkChartProps {
  contenders: readonly AppBenchContender[];
  /** Names the figure for assistive tech; the table beside it holds the same numbers. */
  label: string;
}

export function BenchmarkChart({ contenders, label }: BenchmarkChartProps) {
  const modes = chartModes(contenders);
  return (
    <figure className="bench-chart" aria-label={label} data-testid="bench-chart">
      <ul className="bench-legend" aria-hidden="true">
        {modes.map((mode) => (
          <li key={mode}>
            <span className={`bench-swatch bench-mode-${mode}`} />
            {mode}
          </li>
        ))}
      </ul>
      <ResponsiveContainer width="100%" height={240}>
        <BarChart data={chartRows(contenders)} margin={{ top: 8, right: 8, bottom: 4, left: 0 }} barCategoryGap="22%">
          <CartesianGrid vertical={false} />
          <XAxis dataKey="group" tickLine={false} />
          <YAxis
            width={48}
            tickLine={false}
            allowDecimals
            label={{ value: 'images/s', angle: -90, position: 'insideLeft', offset: 10 }}
          />
          <Tooltip
            wrapperClassName="bench-tooltip"
            formatter={(value) => `${formatRate(Number(value))} images/s`}
            isAnimationActive={false}
          />
          {modes.map((mode) => (
            // The fill reaches the tooltip's text colour; the bars themselves take theirs from the class.
            <Bar
              key={mode}
              dataKey={mode}
              name={mode}
              fill={`var(--chart-${mode})`}
              className={`bench-mode-${mode}`}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
