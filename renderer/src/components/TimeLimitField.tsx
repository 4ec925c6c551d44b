// The time limit per image: automatic (from each image's size and output format, so a large AVIF
// gets the minutes it needs) or a fixed number of seconds. The TIMEOUT message points here.
import { useId } from 'react';
import { TIME_LIMIT } from '../../../common/pipeline';
import { useAppStore } from '../store';
import { useSettingsLocked } from '../store/use-settings-locked';
import { NumberField } from './NumberField';

/** What a fixed limit starts at when "Automatic" is switched off: the least the automatic one gives. */
const FIRST_FIXED = 120;

export function TimeLimitField() {
  const limit = useAppStore((s) => s.limits.timeoutSeconds);
  const setTimeLimit = useAppStore((s) => s.setTimeLimit);
  const locked = useSettingsLocked();
  const hintId = useId();
  const auto = limit === 'auto';
  return (
    <fieldset className="plain-fieldset time-limit settings-section" disabled={locked}>
      <legend>
        <h3>Time limit per image</h3>
      </legend>
      <p className="settings-why">
        An image that takes longer than this is stopped, so one bad file cannot stall the batch.
      </p>
      <label className="check">
        <input
          type="checkbox"
          checked={auto}
          aria-describedby={hintId}
          onChange={(e) => setTimeLimit(e.target.checked ? 'auto' : FIRST_FIXED)}
        />
        Automatic
      </label>
      {!auto && (
        <NumberField
          label="Seconds"
          value={limit}
          min={TIME_LIMIT.min}
          max={TIME_LIMIT.max}
          step={1}
          unit="s"
          describedBy={hintId}
          onChange={(v) => setTimeLimit(Number.isFinite(v) ? v : TIME_LIMIT.min)}
        />
      )}
      <p className="hint muted" id={hintId}>
        {auto
          ? 'From each image’s size and output format: at least 2 minutes, more for large AVIF files.'
          : `An image that takes longer is stopped and listed with the reason (${TIME_LIMIT.min}–${TIME_LIMIT.max} s).`}
      </p>
    </fieldset>
  );
}
