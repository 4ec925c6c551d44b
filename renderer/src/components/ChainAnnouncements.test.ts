import { describe, expect, it } from 'vitest';
import { defaultParams } from '../../../common/filters';
import type { Step } from '../../../common/pipeline';
import type { ChainStep } from '../store/pipeline-slice';
import { chainAnnouncements, stepNames } from './ChainAnnouncements';

const entry = (id: string, op: 'resize' | 'blur'): ChainStep => ({
  id,
  open: false,
  step: { op, enabled: true, params: defaultParams(op) } as Step,
});

describe('the chain in words for assistive tech', () => {
  const chain = [entry('a', 'resize'), entry('b', 'blur'), entry('c', 'resize')];

  it('names a step by its label, adding its place only when two steps share the label', () => {
    expect([...stepNames(chain).values()]).toEqual(['Resize (step 1)', 'Blur', 'Resize (step 3)']);
  });

  it('announces a drag by step name and position, never by internal id', () => {
    const say = chainAnnouncements(chain, stepNames(chain));
    const active = { id: 'b' } as never;
    expect(say.onDragStart({ active })).toBe('Picked up Blur, position 2 of 3.');
    expect(say.onDragOver({ active, over: { id: 'b' } as never })).toBeUndefined();
    expect(say.onDragOver({ active, over: { id: 'a' } as never })).toBe('Blur moved to position 1 of 3.');
    expect(say.onDragEnd({ active, over: { id: 'c' } as never })).toBe('Blur dropped at position 3 of 3.');
    expect(say.onDragCancel({ active, over: null })).toBe('Moving Blur cancelled; it is back where it was.');
  });
});
