// The centre column: presets, the ordered filter chain, and adding a filter.
import { useId } from 'react';
import { plural } from '../../../common/format';
import { useAppStore } from '../store';
import { useSettingsLocked } from '../store/use-settings-locked';
import { AddFilter } from './AddFilter';
import { ChainStepCard } from './ChainStepCard';
import { LockedNote } from './LockedNote';
import { PresetBar } from './PresetBar';

export function ChainEditor() {
  const chain = useAppStore((s) => s.chain);
  const locked = useSettingsLocked();
  const noteId = useId();
  return (
    <section className="panel" aria-labelledby="chain-heading">
      <header className="panel-header">
        <h2 id="chain-heading">Filter chain</h2>
        <span className="muted">
          {chain.length === 0
            ? 'no filters: images are only converted'
            : `${plural(chain.length, 'step')}, applied top to bottom`}
        </span>
      </header>
      {locked && <LockedNote id={noteId} />}
      <fieldset className="panel-fieldset" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <PresetBar />
        {chain.length === 0 && (
          <p className="chain-empty muted">
            No filters yet: images are only converted to the output format. Add a filter below, or load a preset.
          </p>
        )}
        {chain.length > 0 && (
          <ol className="chain-list" aria-label="Filter steps">
            {chain.map((entry, index) => (
              <ChainStepCard key={entry.id} entry={entry} index={index} last={index === chain.length - 1} />
            ))}
          </ol>
        )}
        <AddFilter />
      </fieldset>
    </section>
  );
}
