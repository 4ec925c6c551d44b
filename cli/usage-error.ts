// A mistake in how Pixmill was called (a flag, a file it names, the settings it adds up to).
// The message names the option at fault; the CLI prints it and exits with code 2, never 1, so
// scripts can tell "you asked for something impossible" from "some images failed".
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = {
  ok: 0,
  someFailed: 1,
  usage: 2,
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
  interrupted: 130,
} as const;
