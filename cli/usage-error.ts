// A mistake in how Pixmill was called (a flag, a file it names, the settings it adds up to).
// The message names the option at fault; the CLI prints it and exits with code 2, never 1, so
// scripts can tell "you asked for something impossible" from "some images failed".
export class UsageError extends Error {
  override name = 'UsageError';
  /** The option at fault (`--quality`, `<inputs>`), for `--json`; read from the message's head. */
  readonly option: string | undefined;

  constructor(message: string, option?: string) {
    super(message);
    this.option = option ?? /^(--[a-z0-9-]+|<[a-z]+>)[: ]/.exec(message)?.[1];
  }
}

export const EXIT = {
  ok: 0,
  someFailed: 1,
  usage: 2,
  /** 128 + SIGINT, what shells report for a command stopped with Ctrl-C. */
  interrupted: 130,
} as const;
