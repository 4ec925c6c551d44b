// Files Pixmill itself wrote, met again as inputs (an earlier output folder dropped onto a new
// batch, a watched folder that receives outputs): compressing them again would only lose quality,
// so they are skipped as `own-output` unless the batch asks to recompress. They are known by the
// record an output folder keeps (journal.ts), in the file's folder or any folder above it, and
// only while the file is as that batch left it (same size).
import { dirname } from 'node:path';
import { recordedOutputs } from './journal.js';

type Outputs = Map<string, number>;

export class OwnOutputs {
  /** Per folder: the records found in it and every folder above it, each folder read once. */
  private readonly above = new Map<string, Promise<Outputs[]>>();

  /** True when a record in the file's folder or above lists it at this size. */
  async has(path: string, size: number): Promise<boolean> {
    for (const outputs of await this.recordsFrom(dirname(path))) if (outputs.get(path) === size) return true;
    return false;
  }

  private recordsFrom(dir: string): Promise<Outputs[]> {
    let found = this.above.get(dir);
    if (!found) {
      const parent = dirname(dir);
      found = Promise.all([recordedOutputs(dir), parent === dir ? [] : this.recordsFrom(parent)]).then(([here, up]) =>
        here ? [here, ...up] : up,
      );
      this.above.set(dir, found);
    }
    return found;
  }
}
