// The window: queue, output and workers on the left; the chain in the centre; the run, its
// summary, its errors and the before/after preview on the right. The Benchmark view keeps the
// queue (what it races on) and the workers (what its winner sets) beside it.
import { BenchmarkView } from './components/BenchmarkView';
import { ChainEditor } from './components/ChainEditor';
import { ErrorPanel } from './components/ErrorPanel';
import { LiveRegion } from './components/LiveRegion';
import { OutputPanel } from './components/OutputPanel';
import { PreviewPanel } from './components/PreviewPanel';
import { QueuePanel } from './components/QueuePanel';
import { RunPanel } from './components/RunPanel';
import { WorkersPanel } from './components/WorkersPanel';
import { useEngineEvents } from './hooks/use-engine-events';
import { useSettingsSync } from './hooks/use-settings-sync';
import { useAppStore } from './store';
import type { AppView } from './store/bench-slice';

const VIEWS: { view: AppView; label: string }[] = [
  { view: 'batch', label: 'Batch' },
  { view: 'benchmark', label: 'Benchmark' },
];

export function App() {
  useEngineEvents();
  useSettingsSync();
  const version = useAppStore((s) => s.appInfo?.version);
  const view = useAppStore((s) => s.view);
  const setView = useAppStore((s) => s.setView);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Pixmill <span className="muted app-tagline">batch image processing</span>
        </h1>
        <nav className="view-switch" aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v.view} type="button" aria-pressed={view === v.view} onClick={() => setView(v.view)}>
              {v.label}
            </button>
          ))}
        </nav>
        {version && <span className="muted">v{version}</span>}
      </header>
      {view === 'benchmark' ? <BenchmarkColumns /> : <BatchColumns />}
      <LiveRegion />
    </div>
  );
}

function BatchColumns() {
  return (
    <main className="columns">
      <div className="column column-left">
        <QueuePanel />
        <OutputPanel />
        <WorkersPanel />
      </div>
      <div className="column column-centre">
        <ChainEditor />
      </div>
      <div className="column column-right">
        <RunPanel />
        <ErrorPanel />
        <PreviewPanel />
      </div>
    </main>
  );
}

function BenchmarkColumns() {
  return (
    <main className="columns columns-bench">
      <div className="column column-left">
        <QueuePanel />
        <WorkersPanel />
      </div>
      <div className="column column-bench">
        <BenchmarkView />
      </div>
    </main>
  );
}
