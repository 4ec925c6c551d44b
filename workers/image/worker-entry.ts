// Entry point of a worker process or thread: receives jobs, runs them one at a time, replies.
import { EXIT_MEMORY_LIMIT, EXIT_RETIRED, type FromWorker } from '../pool/messages.js';
import { parentChannel } from '../pool/parent-channel.js';
import { decoderTrapped } from './decoders/magick-errors.js';
import { processImage } from './process-image.js';
import { configureSharp, setLibvipsThreads } from './sharp-setup.js';

const started = performance.now();

const io = parentChannel();
await configureSharp();
let inFlight = 0;
let orphaned = false;
let memoryLimitMb = Infinity;
// Only a worker that is a process of its own can judge its memory: in a thread, rss is the
// whole engine's. libvips works on its own threads, so this timer still fires mid-decode.
if (io.kind !== 'thread') {
  setInterval(() => {
    if (inFlight > 0 && process.memoryUsage.rss() > memoryLimitMb * 1024 * 1024) process.exit(EXIT_MEMORY_LIMIT);
  }, 50).unref();
}
io.onMessage(async (message) => {
  if (message.type !== 'job') return;
  inFlight++;
  memoryLimitMb = message.job.spec.limits.maxWorkerMemoryMb;
  setLibvipsThreads(message.job.libvipsThreads);
  const result = await processImage(message.job);
  inFlight--;
  if (orphaned) return exitWhenIdle();
  const reply: FromWorker = {
    type: 'result',
    id: message.job.id,
    result,
    ...(io.kind !== 'thread' ? { rss: process.memoryUsage.rss() } : {}),
  };
  // A decoder that trapped may have left its WebAssembly memory inconsistent: this job's row is
  // sent, and a fresh worker takes the next file.
  if (!decoderTrapped()) return io.send(reply);
  retireAfter({ ...reply, retiring: true });
});
/** Sends the last result and leaves once it is out: a child process's IPC may still be writing it. */
function retireAfter(last: FromWorker): void {
  const leave = () => process.exit(EXIT_RETIRED);
  if (io.kind === 'process' && process.send) {
    process.send(last, leave);
  } else {
    io.send(last);
    setTimeout(leave, 100);
  }
}
// A process worker whose parent dies must not linger as an orphan; but it first finishes the job
// in hand, so that an output already in place is also in the resume journal. Under a queue
// worker (PIXMILL_ORPHAN_EXIT) it stops at once instead: another machine takes the job over, and
// two writers of one output must never meet.
const orphanExitsAtOnce = process.env['PIXMILL_ORPHAN_EXIT'] === '1';
function exitWhenIdle(): void {
  if (inFlight === 0 || orphanExitsAtOnce) process.exit(0);
}
// Ctrl-C means "cancel the batch", and that is the engine's to carry out (letting this job finish
// or stopping it). Process workers are in a process group of their own on POSIX; on Windows the
// console still sends them its Ctrl-C, which would kill them mid-job. Threads receive no signals.
if (io.kind !== 'thread') process.on('SIGINT', () => {});
if (process.send) {
  process.on('disconnect', () => {
    orphaned = true;
    exitWhenIdle();
  });
}
io.send({ type: 'ready', startupMs: performance.now() - started });
