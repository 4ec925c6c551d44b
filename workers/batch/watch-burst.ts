// Changed paths gathered into bursts. A burst is due once changes have stopped for the debounce
// time, or at the latest a few debounce times after its first change, so that a steady trickle
// (a camera tethered, a sync client) is still processed instead of waiting for a pause that
// never comes.
import { isInside } from './prepare-batch.js';

const LONGEST_WAIT_IN_DEBOUNCES = 10;

export class Burst {
  private readonly paths = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private firstAt = 0;

  constructor(
    private readonly debounceMs: number,
    private readonly onDue: () => void,
  ) {}

  add(path: string): void {
    if (this.paths.size === 0) this.firstAt = Date.now();
    this.paths.add(path);
    clearTimeout(this.timer);
    const latest = this.firstAt + this.debounceMs * LONGEST_WAIT_IN_DEBOUNCES - Date.now();
    this.timer = setTimeout(
      () => {
        this.timer = undefined;
        this.onDue();
      },
      Math.max(0, Math.min(this.debounceMs, latest)),
    );
  }

  /** Changes are waiting and have settled. */
  get due(): boolean {
    return this.paths.size > 0 && this.timer === undefined;
  }

  take(): string[] {
    const list = [...this.paths];
    this.paths.clear();
    return list;
  }

  /** Forgets what was gathered under a root that went away: its return brings a look at all of it. */
  dropUnder(root: string): void {
    for (const path of this.paths) if (isInside(path, root)) this.paths.delete(path);
    if (this.paths.size === 0) this.close();
  }

  close(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
