// The window: queue, output and workers on the left; the chain in the centre; the run, its
// summary, its errors and the before/after preview on the right.
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

export function App() {
  useEngineEvents();
  useSettingsSync();
  const version = useAppStore((s) => s.appInfo?.version);

  return (
    <div className="app">
      <header className="app-header">
        <h1>
          Pixmill <span className="muted app-tagline">batch image processing</span>
        </h1>
        {version && <span className="muted">v{version}</span>}
      </header>
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
      <LiveRegion />
    </div>
  );
}
