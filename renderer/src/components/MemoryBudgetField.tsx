// The memory budget: empty for automatic (half the memory free when the batch starts), or a size.
// A size is refused here, in words, once the person leaves the field (not at every keystroke: "1"
// is on its way to "1 GB"); Start lists it too, so a refused budget is never sent.
import { useId, useState } from 'react';
import { MEMORY_BUDGET_ID, parseMemoryBudget } from '../lib/memory-budget';
import { useAppStore } from '../store';

export function MemoryBudgetField() {
  const text = useAppStore((s) => s.memoryBudgetText);
  const setText = useAppStore((s) => s.setMemoryBudgetText);
  const hintId = useId();
  const messageId = useId();
  const parsed = parseMemoryBudget(text);
  // Reopening the dialog on a refused size shows why at once.
  const [left, setLeft] = useState(() => !parsed.ok);
  const message = !parsed.ok && left ? parsed.message : null;

  return (
    <div className="field memory-budget">
      <label htmlFor={MEMORY_BUDGET_ID}>Memory budget</label>
      <input
        id={MEMORY_BUDGET_ID}
        type="text"
        inputMode="text"
        spellCheck={false}
        autoComplete="off"
        placeholder="Automatic"
        value={text}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${messageId} ${hintId}` : hintId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => setLeft(true)}
        onKeyDown={(e) => e.key === 'Enter' && setLeft(true)}
      />
      {message && (
        <p className="field-message" role="alert" id={messageId}>
          {message}
        </p>
      )}
      <p className="hint muted" id={hintId}>
        {parsed.ok && parsed.mb !== null
          ? 'Large images wait until they fit in it, so the batch never runs out of memory.'
          : 'Empty: half the memory free when the batch starts. Or a size, like 1 GB or 512 MB.'}
      </p>
    </div>
  );
}
