// The centre column: presets, the ordered filter chain, and adding a filter.
import { useAppStore } from '../store';
import { AddFilter } from './AddFilter';
import { ChainStepCard } from './ChainStepCard';
import { PresetBar } from './PresetBar';

export function ChainEditor() {
  const chain = useAppStore((s) => s.chain);
  return (
    <section className="panel" aria-labelledby="chain-heading">
      <header className="panel-header">
        <h2 id="chain-heading">Filter chain</h2>
        <span className="muted">{chain.length === 0 ? 'no filters: images are only converted' : `${chain.length} step${chain.length === 1 ? '' : 's'}, applied top to bottom`}</span>
      </header>
      <PresetBar />
      {chain.length === 0 && <p className="chain-empty muted">No filters yet: images are only converted to the output format. Add a filter below, or load a preset.</p>}
      {chain.length > 0 && (
        <ol className="chain-list" aria-label="Filter steps">
          {chain.map((entry, index) => (
            <ChainStepCard key={entry.id} entry={entry} index={index} last={index === chain.length - 1} />
          ))}
        </ol>
      )}
      <AddFilter />
    </section>
  );
}
