// A progress bar with its numbers on the element itself (aria-valuenow/max), so assistive tech
// and tests read the same values a person sees.
interface ProgressBarProps {
  value: number;
  max: number;
  label: string;
  /** While the total is still growing (the scan is streaming), the bar says so. */
  growing?: boolean;
  tone?: 'normal' | 'warning' | 'done';
  testId?: string;
}

export function ProgressBar({ value, max, label, growing = false, tone = 'normal', testId }: ProgressBarProps) {
  const fraction = max > 0 ? Math.min(1, value / max) : 0;
  return (
    <div
      className={`progress progress-${tone}${growing ? ' progress-growing' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value}
      aria-valuetext={max > 0 ? `${value} of ${max}${growing ? ' so far' : ''}` : 'not started'}
      data-testid={testId}
    >
      <div className="progress-fill" style={{ width: `${(fraction * 100).toFixed(2)}%` }} />
    </div>
  );
}
