// The worker side of the pool's messages, whatever started it: Electron's utilityProcess gives
// process.parentPort, child_process.fork gives process.send, worker_threads gives parentPort.
import { parentPort } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './messages.js';

export interface ParentChannel {
  send(message: FromWorker): void;
  onMessage(listener: (message: ToWorker) => void): void;
  /** Which kind of worker this is: only a process of its own can judge its own memory. */
  kind: 'utility' | 'thread' | 'process';
}

type ElectronPort = { postMessage(m: unknown): void; on(e: 'message', l: (e: { data: unknown }) => void): void };

export function parentChannel(): ParentChannel {
  const electronPort = (process as { parentPort?: ElectronPort }).parentPort;
  if (electronPort) {
    return {
      kind: 'utility',
      send: (m) => electronPort.postMessage(m),
      onMessage: (l) => electronPort.on('message', (e) => l(e.data as ToWorker)),
    };
  }
  if (parentPort) {
    const port = parentPort;
    return { kind: 'thread', send: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) };
  }
  if (process.send) {
    return {
      kind: 'process',
      send: (m) => process.send!(m),
      onMessage: (l) => process.on('message', (m) => l(m as ToWorker)),
    };
  }
  throw new Error('a worker entry must be started as a worker (fork, worker_threads or utilityProcess)');
}
