// Files Pixmill itself wrote, met again as inputs (an earlier output folder dropped onto a new
// batch, a watched folder that receives outputs): compressing them again would only lose quality,
// so they are skipped as `own-output` unless the batch asks to recompress. They are known by the
// record an output folder keeps (journal.ts), in the file's folder or any folder above it, and
// only while the file is as that batch left it (same size).
import { dirname } from 'node:path';
import { recordedOutputs } from './journal.js';

export class OwnOutputs {
  /** Each folder looked at once: its record's outputs, or undefined when it holds none. */
  private readonly records = new Map<string, Promise<Map<string, number> | undefined>>();

  /** True when a record in the file's folder or above lists it at this size. */
  async has(path: string, size: number): Promise<boolean> {
    for (let dir = dirname(path); ; dir = dirname(dir)) {
      const outputs = await this.recordIn(dir);
      if (outputs?.get(path) === size) return true;
      if (dirname(dir) === dir) return false;
    }
  }

  private recordIn(dir: string): Promise<Map<string, number> | undefined> {
    let found = this.records.get(dir);
    if (!found) {
      found = recordedOutputs(dir);
      this.records.set(dir, found);
    }
    return found;
  }
}
