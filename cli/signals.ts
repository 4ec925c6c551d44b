// Ctrl-C (or SIGTERM) for the commands that run batches: the first one asks the command to wind
// down cleanly (a batch cancels, a watch stops: running jobs get the cancel's grace period, temp
// files are removed, no partial output remains); a second one stops every worker at once and
// quits, for someone who will not wait. Exit codes follow the shell: 128 + the signal's number.
import { constants } from 'node:os';
import { stopWorkersNow } from '../workers/pool/spawners.js';

export interface Interrupts {
  /** The first signal received, if any. */
  received: () => NodeJS.Signals | undefined;
  dispose: () => void;
}

export const exitCodeOf = (signal: NodeJS.Signals): number => 128 + constants.signals[signal];

export function onInterrupt(windDown: () => void, say: (line: string) => void, saying: string): Interrupts {
  let received: NodeJS.Signals | undefined;
  const quitNow = (code: number): void => {
    // Workers die with SIGKILL and are gone within milliseconds; should one not be reaped, the
    // person who pressed Ctrl-C twice still gets their prompt back.
    setTimeout(() => process.exit(code), 2000).unref();
    void stopWorkersNow().finally(() => process.exit(code));
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) {
      quitNow(exitCodeOf(received));
      return;
    }
    received = signal;
    say(`${saying} (press Ctrl-C again to quit at once)`);
    windDown();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    received: () => received,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}
