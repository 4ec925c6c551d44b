// The benchmark's images: generated once, photo-like (gradients under noise, so that encoders and
// filters do real work rather than compressing flat colour), and cached between runs.
import { access, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { makeImage } from '../tests/fixtures.js';

export interface DatasetSpec {
  name: string;
  count: number;
  width: number;
  height: number;
}

export const DATASETS = {
  large: { name: '12mp', count: 40, width: 4000, height: 3000 },
  small: { name: '2mp', count: 400, width: 1600, height: 1200 },
  quick: { name: '12mp-quick', count: 8, width: 4000, height: 3000 },
} as const satisfies Record<string, DatasetSpec>;

export const CACHE_DIR = join(import.meta.dirname, '.cache');

/** Makes (or finds) the dataset's folder of JPEGs and returns its path. */
export async function ensureDataset(spec: DatasetSpec, root = CACHE_DIR): Promise<string> {
  const dir = join(root, `${spec.name}-${spec.count}`);
  await mkdir(dir, { recursive: true });
  for (let i = 0; i < spec.count; i++) {
    const file = join(dir, `photo-${String(i).padStart(4, '0')}.jpg`);
    const exists = await access(file).then(() => true, () => false);
    if (!exists) await makeImage(file, { width: spec.width, height: spec.height });
  }
  return dir;
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const which = (process.argv[2] ?? 'large') as keyof typeof DATASETS;
  console.log(await ensureDataset(DATASETS[which]));
}
