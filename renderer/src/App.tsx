import { FILTERS, FILTER_OPS } from '../../common/filters';

export function App() {
  return (
    <main>
      <h1>Pixmill</h1>
      <p>Batch-process folders of images. The desktop interface is on its way; the engine and the CLI are ready.</p>
      <p>{FILTER_OPS.length} filters: {FILTER_OPS.map((op) => FILTERS[op].label).join(', ')}.</p>
    </main>
  );
}
