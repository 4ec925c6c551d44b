// A memory budget as people write it ("1GB", "512 MB", "1,5 GB") and read it back. The engine
// counts in MB of 2^20 bytes, so a GB is 1024 MB whichever way it is spelt: "1 GB" must not
// become 1000 MB and read back as "1000 MB". The CLI and the window each word their own refusals.

/** Decimal and binary units alike mean MiB here: a memory budget is no place for a 5 % quibble. */
const UNIT_MB: Record<string, number> = {
  '': 1,
  m: 1,
  mb: 1,
  mib: 1,
  g: 1024,
  gb: 1024,
  gib: 1024,
  t: 1024 ** 2,
  tb: 1024 ** 2,
  tib: 1024 ** 2,
};

/** The size in MB, or undefined when the text is no size; a bare number is MB. */
export function megabytesOf(text: string): number | undefined {
  const match = /^\s*(\d+(?:[.,]\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const factor = match ? UNIT_MB[match[2]!.toLowerCase()] : undefined;
  return match && factor !== undefined ? Math.round(Number(match[1]!.replace(',', '.')) * factor) : undefined;
}

/** 1024 → "1 GB", 1536 → "1.5 GB", 512 → "512 MB". */
export function memoryBudgetText(mb: number): string {
  if (mb < 1024) return `${mb} MB`;
  const gb = mb / 1024;
  if (Number.isInteger(gb)) return `${gb} GB`;
  // A budget typed in MB that is no round number of GB keeps its exact figure.
  return Number.isInteger(gb * 10) ? `${gb.toFixed(1)} GB` : `${mb} MB`;
}
