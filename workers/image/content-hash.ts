// What says "the same picture file" when its name, size or date do not: a hash of its bytes. The
// worker hashes what it read and what it wrote as it records an output; the batch hashes a file
// only when its size matches but its date moved (touched, copied back, restored from a backup).
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256, hex, cut to 128 bits: collisions stay out of reach, the record stays small. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Streams the file, so a 200 MB TIFF costs a buffer's worth of memory, not its size. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex').slice(0, 32);
}
