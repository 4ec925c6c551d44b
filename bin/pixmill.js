#!/usr/bin/env node
// The `pixmill` command: sizes libuv's threadpool, then starts the built CLI (out/main/cli.js).
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';

// Why this comes first: in `threads` (and `inline`) mode every image job in flight occupies one
// thread of this process's libuv threadpool (sharp runs its pipelines there) while file reads and
// writes need it too. libuv reads UV_THREADPOOL_SIZE once, when the pool is first used — by any
// fs/promises call, even inside the module loader — so it must be set before anything else runs.
// The default of 4 would leave `--workers 6` with two workers waiting; workers + 2 leaves room
// for file I/O. A value the user set is respected.
if (!process.env.UV_THREADPOOL_SIZE) {
  const args = process.argv.slice(2);
  const at = args.findIndex((a) => a === '--workers' || a === '-w' || a.startsWith('--workers='));
  const raw = at < 0 ? undefined : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
  const asked = Number(raw);
  const workers = Number.isInteger(asked) && asked > 0 ? asked : availableParallelism();
  // libuv caps the pool at 1024 threads.
  process.env.UV_THREADPOOL_SIZE = String(Math.min(1024, Math.max(4, workers + 2)));
}

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(cli)) {
  process.stderr.write('pixmill: the CLI is not built yet: run `npm run build` first.\n');
  process.exit(1);
}
await import(cli.href);
