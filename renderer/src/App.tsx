// The window: the images on the left, the preview in the middle (it takes the spare width; the
// plan before Start takes its place when asked for), the recipe (steps and output) on the right
// and the run bar along the bottom, always on screen.
// Workers and the Benchmark live behind Settings: they tune the engine, not the photos.
import { BenchmarkView } from './components/BenchmarkView';
import { ChainEditor } from './components/ChainEditor';
import { FolderBrowser } from './components/FolderBrowser';
import { LiveRegion } from './components/LiveRegion';
import { OutputPanel } from './components/OutputPanel';
import { PlanView } from './components/PlanView';
import { PreviewPanel } from './components/PreviewPanel';
import { QueuePanel } from './components/QueuePanel';
import { RunPanel } from './components/RunPanel';
import { SettingsDialog } from './components/SettingsDialog';
import { TopBar } from './components/TopBar';
import { useEngineEvents } from './hooks/use-engine-events';
import { useSettingsSync } from './hooks/use-settings-sync';
import { useShortcuts } from './hooks/use-shortcuts';
import { useAppStore } from './store';

export function App() {
  useEngineEvents();
  useSettingsSync();
  useShortcuts();
  const view = useAppStore((s) => s.view);

  return (
    <div className="app">
      <TopBar />
      {/* Before the areas in reading order, drawn along the bottom: Start is a few Tab presses away. */}
      <footer className="runbar">
        <RunPanel />
      </footer>
      {view === 'benchmark' ? (
        <main className="workspace workspace-bench">
          <div className="area area-files">
            <QueuePanel />
          </div>
          <div className="area area-preview">
            <BenchmarkView />
          </div>
        </main>
      ) : (
        <main className="workspace">
          <div className="area area-files">
            <QueuePanel />
          </div>
          <div className="area area-preview">{view === 'plan' ? <PlanView /> : <PreviewPanel />}</div>
          <aside className="area area-inspector" aria-label="Recipe">
            <ChainEditor />
            <OutputPanel />
          </aside>
        </main>
      )}
      <SettingsDialog />
      <FolderBrowser />
      <LiveRegion />
    </div>
  );
}
