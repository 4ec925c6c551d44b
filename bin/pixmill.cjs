#!/usr/bin/env node
// The `pixmill` command: sizes libuv's threadpool, then starts the built CLI (out/main/cli.js).
// CommonJS on purpose: Node reads a CommonJS entry synchronously, so nothing has touched the
// threadpool when the first line runs; an ES-module entry is loaded through the threadpool,
// which is then already started with its default size.
const { existsSync, readFileSync } = require('node:fs');
const { availableParallelism } = require('node:os');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

// `pixmill --version` is answered here, from package.json: loading the CLI bundle (commander, the
// spec schema and its dependencies) would cost several times Node's own start for one line.
// Anything else, `--version` after a command included, is the CLI's to answer.
const first = process.argv.slice(2);
if (first.length === 1 && (first[0] === '--version' || first[0] === '-V')) {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  process.stdout.write(`${version}\n`);
} else start();

function start() {
  // In `threads` and `inline` mode every image in flight holds one thread of this process's libuv
  // threadpool (sharp runs its pipelines there) while file reads and writes need it too. libuv
  // reads UV_THREADPOOL_SIZE once, when the pool starts. The default of 4 would leave
  // `--workers 6` with two workers waiting; workers + 2 leaves room for file I/O. A value the user
  // set is respected.
  if (!process.env.UV_THREADPOOL_SIZE) {
    const args = process.argv.slice(2);
    const at = args.findIndex((a) => a === '--workers' || a === '-w' || a.startsWith('--workers='));
    const raw = at < 0 ? undefined : args[at].includes('=') ? args[at].split('=')[1] : args[at + 1];
    const asked = Number(raw);
    // Unasked, the auto mode may run up to two workers per core.
    const workers = Number.isInteger(asked) && asked > 0 ? asked : 2 * availableParallelism();
    // libuv caps the pool at 1024 threads.
    process.env.UV_THREADPOOL_SIZE = String(Math.min(1024, Math.max(4, workers + 2)));
  }

  const cli = join(__dirname, '..', 'out', 'main', 'cli.js');
  if (!existsSync(cli)) {
    process.stderr.write('pixmill: the CLI is not built yet: run `npm run build` first.\n');
    process.exit(1);
  }
  import(pathToFileURL(cli).href).catch((err) => {
    process.stderr.write(`pixmill: ${err?.stack ? err.stack : err}\n`);
    process.exit(1);
  });
}
