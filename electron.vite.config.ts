// Four builds: the Electron main process, the preload bridge, the React renderer, and the
// Electron-free engine entries (the image worker and the CLI) that run under plain Node as well.
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // Node 20 runs the CLI and the workers outside Electron, so no newer syntax than it reads.
      target: 'node20',
      rollupOptions: {
        input: {
          index: resolve(root, 'electron/main/index.ts'),
          'image-worker': resolve(root, 'workers/image/worker-entry.ts'),
          cli: resolve(root, 'cli/index.ts'),
        },
        // Shared chunks sit beside the entries, not in chunks/: the pool finds image-worker.js
        // next to its own module (workers/pool/worker-entry-path.ts), and the pool is bundled
        // into a shared chunk.
        output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { index: resolve(root, 'electron/preload/index.ts') },
        // A sandboxed preload must be CommonJS.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(root, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
