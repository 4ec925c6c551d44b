// The generator moved to workers/bench/dataset.ts, where the `pixmill bench` CLI may import it.
// `npx tsx bench/dataset.ts [full|quick]` still makes (or finds) a dataset and prints its folder.
import { DATASETS, ensureDataset } from '../workers/bench/dataset.js';

export * from '../workers/bench/dataset.js';

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const which = (process.argv[2] ?? 'full') as keyof typeof DATASETS;
  console.log(await ensureDataset(DATASETS[which]));
}
