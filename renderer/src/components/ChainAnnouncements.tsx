// What a screen reader hears while a step is dragged: the step by name and its place in words,
// instead of dnd-kit's "draggable item step-3 was moved over droppable area step-5".
import type { Announcements, ScreenReaderInstructions } from '@dnd-kit/core';
import { FILTERS } from '../../../common/filters';
import type { ChainStep } from '../store/pipeline-slice';

export const DRAG_INSTRUCTIONS: ScreenReaderInstructions = {
  draggable:
    'To reorder, press Space or Enter to pick the step up, the up and down arrow keys to move it, Space or Enter to drop it, Escape to cancel.',
};

/** Each step's name for its controls: its label, with its place when two steps share the label. */
export function stepNames(chain: readonly ChainStep[]): Map<string, string> {
  const counts = new Map<string, number>();
  for (const { step } of chain) counts.set(step.op, (counts.get(step.op) ?? 0) + 1);
  return new Map(
    chain.map(({ id, step }, index) => {
      const label = FILTERS[step.op].label;
      return [id, (counts.get(step.op) ?? 0) > 1 ? `${label} (step ${index + 1})` : label];
    }),
  );
}

export function chainAnnouncements(chain: readonly ChainStep[], names: Map<string, string>): Announcements {
  const name = (id: string | number): string => names.get(String(id)) ?? 'the step';
  const place = (id: string | number | undefined): string => {
    const index = chain.findIndex((entry) => entry.id === id);
    return index < 0 ? '' : `position ${index + 1} of ${chain.length}`;
  };
  return {
    onDragStart: ({ active }) => `Picked up ${name(active.id)}, ${place(active.id)}.`,
    // Over itself right after pick-up: the pick-up message says it already.
    onDragOver: ({ active, over }) =>
      over?.id === active.id
        ? undefined
        : over
          ? `${name(active.id)} moved to ${place(over.id)}.`
          : `${name(active.id)} is outside the list.`,
    onDragEnd: ({ active, over }) =>
      over ? `${name(active.id)} dropped at ${place(over.id)}.` : `${name(active.id)} dropped where it was.`,
    onDragCancel: ({ active }) => `Moving ${name(active.id)} cancelled; it is back where it was.`,
  };
}
