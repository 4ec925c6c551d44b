// Four builds: the Electron main process, the preload bridge, the React renderer, and the
// Electron-free engine entries (the image worker and the CLI) that run under plain Node as well.
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CSP_DIRECTIVES, metaPolicy } from './common/csp.js';

const root = import.meta.dirname;

/** The dev server's additions: its injected <style> tags and its hot-reload socket. */
const DEV_SERVER_CSP = {
  ...CSP_DIRECTIVES,
  'style-src': [...(CSP_DIRECTIVES['style-src'] ?? []), "'unsafe-inline'"],
  'connect-src': ["'self'", 'ws:', 'http://localhost:*'],
};

/**
 * Writes the page's CSP (common/csp.ts, the one the app:// protocol sends as a header) into
 * index.html's <meta>, right after the charset so it governs every script and stylesheet. Only
 * `electron-vite dev` relaxes it; builds keep it as declared.
 */
export function pageCsp(): Plugin {
  let devServer = false;
  return {
    name: 'pixmill-page-csp',
    configResolved(config) {
      devServer = config.command === 'serve';
    },
    transformIndexHtml: (html) => {
      const charset = /<meta charset="UTF-8" \/>\n/i;
      if (!charset.test(html)) throw new Error('index.html: expected <meta charset="UTF-8" /> to put the CSP after');
      const policy = metaPolicy(devServer ? DEV_SERVER_CSP : CSP_DIRECTIVES);
      return html.replace(
        charset,
        (tag) => `${tag}    <meta http-equiv="Content-Security-Policy" content="${policy}" />\n`,
      );
    },
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
          // The quality table's child process (workers/bench/quality-bench.ts starts it).
          'quality-bench': resolve(root, 'workers/bench/quality-child.ts'),
        },
        // Shared chunks sit beside the entries, not in chunks/: image-worker.js is found
        // next to its own module (workers/image/worker-entry-path.ts), and that module is bundled
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
    plugins: [react(), pageCsp()],
    build: {
      outDir: resolve(root, 'out/renderer'),
      rollupOptions: { input: { index: resolve(root, 'renderer/index.html') } },
    },
  },
});
