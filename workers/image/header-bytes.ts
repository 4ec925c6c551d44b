// Integers and four-letter names read out of a file's first bytes, for the header readers
// (header-dimensions.ts, fallback-dimensions.ts). Callers check the length first.

export const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
export const u32be = (b: Uint8Array, i: number): number =>
  ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!) >>> 0;
export const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
export const u24le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16);
export const i32le = (b: Uint8Array, i: number): number =>
  b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);
export const u32le = (b: Uint8Array, i: number): number => i32le(b, i) >>> 0;

/** Where a box or chunk name (`ispe`, `ihdr`) first stands in b[from, end), or -1. */
export function indexOfTag(b: Uint8Array, tag: string, from: number, end = b.length): number {
  return Buffer.from(b.buffer, b.byteOffset, Math.min(end, b.length)).indexOf(tag, from, 'latin1');
}
