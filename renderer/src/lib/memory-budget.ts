// The memory budget as a person writes it ("1 GB", "512 MB", "1,5 GB") and reads it back. The
// engine counts in MB of 2^20 bytes, so a GB here is 1024 MB: "1 GB" must not become 1000 MB and
// read back as "1000 MB". Empty means automatic: half the memory free when the batch starts.
import { MEMORY_BUDGET_RANGE_MB } from '../../../common/ipc';

/** The field's id: Start's blocker for a refused budget moves the focus there. */
export const MEMORY_BUDGET_ID = 'memory-budget';

export type MemoryBudgetParse = { ok: true; mb: number | null } | { ok: false; message: string };

const UNIT_MB: Record<string, number> = {
  m: 1,
  mb: 1,
  mib: 1,
  g: 1024,
  gb: 1024,
  gib: 1024,
  t: 1024 ** 2,
  tb: 1024 ** 2,
};

/** The field's text as MB (null: automatic), or why it is refused, in words. */
export function parseMemoryBudget(text: string): MemoryBudgetParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, mb: null };
  const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]*)$/i.exec(trimmed);
  const factor = match ? (match[2] === '' ? 1 : UNIT_MB[match[2]!.toLowerCase()]) : undefined;
  if (!match || factor === undefined)
    return { ok: false, message: 'Write the memory budget as a size, like 1 GB or 512 MB, or leave it empty.' };
  const mb = Math.round(Number(match[1]!.replace(',', '.')) * factor);
  if (mb < MEMORY_BUDGET_RANGE_MB.min)
    return {
      ok: false,
      message: `The memory budget must be at least ${MEMORY_BUDGET_RANGE_MB.min} MB: less does not hold even one large photo.`,
    };
  if (mb > MEMORY_BUDGET_RANGE_MB.max) return { ok: false, message: 'That is more memory than any computer has.' };
  return { ok: true, mb };
}

/** 1024 → "1 GB", 1536 → "1.5 GB", 512 → "512 MB": how the field and the run bar show a budget. */
export function memoryBudgetText(mb: number): string {
  if (mb < 1024) return `${mb} MB`;
  const gb = mb / 1024;
  if (Number.isInteger(gb)) return `${gb} GB`;
  // A budget typed in MB that is no round number of GB keeps its exact figure.
  return Number.isInteger(gb * 10) ? `${gb.toFixed(1)} GB` : `${mb} MB`;
}
