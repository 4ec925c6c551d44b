// The memory budget: empty for automatic (half the memory free when the batch starts), or a size.
import { MEMORY_BUDGET_ID, parseMemoryBudget } from '../lib/memory-budget';
import { useAppStore } from '../store';
import { CheckedTextField } from './CheckedTextField';

export function MemoryBudgetField() {
  const text = useAppStore((s) => s.memoryBudgetText);
  const setText = useAppStore((s) => s.setMemoryBudgetText);
  const parsed = parseMemoryBudget(text);
  return (
    <CheckedTextField
      id={MEMORY_BUDGET_ID}
      className="memory-budget"
      label="Memory budget"
      placeholder="Automatic"
      text={text}
      setText={setText}
      refusal={parsed.ok ? null : parsed.message}
      hint={
        parsed.ok && parsed.mb !== null
          ? 'Large images wait until they fit in it, so the batch never runs out of memory.'
          : 'Empty: half the memory free when the batch starts. Or a size, like 1 GB or 512 MB.'
      }
    />
  );
}
