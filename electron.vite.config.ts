// Four builds: the Electron main process, the preload bridge, the React renderer, and the
// Electron-free engine entries (the image worker and the CLI) that run under plain Node as well.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

const root = import.meta.dirname;

/**
 * The page's CSP allows no inline styles and no connections; the dev server needs both (injected
 * <style> tags, the hot-reload socket), so only `electron-vite dev` relaxes it. Builds keep it.
 */
function devServerCsp(): Plugin {
  return {
    name: 'pixmill-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'none'", "connect-src 'self' ws: http://localhost:*"),
  };
}

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
          'thread-host': resolve(root, 'workers/pool/thread-host-entry.ts'),
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
    plugins: [react(), devServerCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
