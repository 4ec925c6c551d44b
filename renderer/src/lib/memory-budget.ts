// The window's memory budget field: a size (common/memory-size.ts), refused in words at the
// field. Empty means automatic: half the memory free when the batch starts.
import { MEMORY_BUDGET_RANGE_MB } from '../../../common/ipc';
import { megabytesOf } from '../../../common/memory-size';

export { memoryBudgetText } from '../../../common/memory-size';

/** The field's id: Start's blocker for a refused budget moves the focus there. */
export const MEMORY_BUDGET_ID = 'memory-budget';

export type MemoryBudgetParse = { ok: true; mb: number | null } | { ok: false; message: string };

/** The field's text as MB (null: automatic), or why it is refused, in words. */
export function parseMemoryBudget(text: string): MemoryBudgetParse {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, mb: null };
  const mb = megabytesOf(trimmed);
  if (mb === undefined)
    return { ok: false, message: 'Write the memory budget as a size, like 1 GB or 512 MB, or leave it empty.' };
  if (mb < MEMORY_BUDGET_RANGE_MB.min)
    return {
      ok: false,
      message: `The memory budget must be at least ${MEMORY_BUDGET_RANGE_MB.min} MB: less does not hold even one large photo.`,
    };
  if (mb > MEMORY_BUDGET_RANGE_MB.max) return { ok: false, message: 'That is more memory than any computer has.' };
  return { ok: true, mb };
}
