// Entry of a process that hosts a pool of worker threads: the desktop app's `threads` mode, so
// that sharp runs in threads of a utility process and never inside Electron's main process. The
// app's pool sees one "worker" per thread slot (electron/main/utility-spawner.ts sharedSpawner),
// all of them messages to this one process, which hands each job to a free thread.
import { availableParallelism } from 'node:os';
import { maxWorkers } from '../../common/concurrency.js';
import { jobTimeLimitSeconds } from '../../common/time-limit.js';
import { threadHostWorker } from './entry.js';
import { parentChannel } from './parent-channel.js';
import { WorkerPool } from './pool.js';

const started = performance.now();
const io = parentChannel();
// As many threads as the app allows workers; the app's pool never sends more jobs at once than
// it has slots, so surplus threads only wait.
const pool = new WorkerPool({ mode: 'threads', size: maxWorkers(availableParallelism()), entry: threadHostWorker() });
io.onMessage(async (message) => {
  if (message.type !== 'job') return;
  const result = await pool.run(message.job, { timeoutMs: jobTimeLimitSeconds(message.job.spec.limits) * 1000 });
  io.send({ type: 'result', id: message.job.id, result });
});
if (process.send) process.on('disconnect', () => void pool.close().then(() => process.exit(0)));
io.send({ type: 'ready', startupMs: performance.now() - started });
