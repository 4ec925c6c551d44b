// Entry point of a worker process or thread: receives jobs, runs them one at a time, replies.
import { parentPort } from 'node:worker_threads';
import { EXIT_MEMORY_LIMIT, type FromWorker, type ToWorker } from '../pool/messages.js';
import { processImage } from './process-image.js';
import { configureSharp } from './sharp-setup.js';

const started = performance.now();

interface Channel {
  send(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
}

function channel(): Channel {
  // Electron's utilityProcess exposes process.parentPort; child_process.fork gives process.send;
  // worker_threads gives parentPort. Whichever is present is the one we were started with.
  const electronPort = (process as { parentPort?: { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void } }).parentPort;
  if (electronPort) {
    return {
      send: (m) => electronPort.postMessage(m),
      onMessage: (l) => electronPort.on('message', (e) => l(e.data as ToWorker)),
    };
  }
  if (parentPort) {
    const port = parentPort;
    return { send: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) };
  }
  if (process.send) {
    return {
      send: (m) => process.send!(m),
      onMessage: (l) => process.on('message', (m) => l(m as ToWorker)),
    };
  }
  throw new Error('worker-entry must be started as a worker (fork, worker_threads or utilityProcess)');
}

const io = channel();
await configureSharp();
let inFlight = 0;
let orphaned = false;
let memoryLimitMb = Infinity;
// Only a worker that is a process of its own can judge its memory: in a thread, rss is the
// whole engine's. libvips works on its own threads, so this timer still fires mid-decode.
if (!parentPort) {
  setInterval(() => {
    if (inFlight > 0 && process.memoryUsage.rss() > memoryLimitMb * 1024 * 1024) process.exit(EXIT_MEMORY_LIMIT);
  }, 50).unref();
}
io.onMessage(async (message) => {
  if (message.type !== 'job') return;
  inFlight++;
  memoryLimitMb = message.job.spec.limits.maxWorkerMemoryMb;
  const result = await processImage(message.job);
  inFlight--;
  if (orphaned) return exitWhenIdle();
  io.send({ type: 'result', id: message.job.id, result });
});
// A process worker whose parent dies must not linger as an orphan; but it first finishes the job
// in hand, so that an output already in place is also in the resume journal.
function exitWhenIdle(): void {
  if (inFlight === 0) process.exit(0);
}
if (process.send) {
  process.on('disconnect', () => {
    orphaned = true;
    exitWhenIdle();
  });
}
io.send({ type: 'ready', startupMs: performance.now() - started });
