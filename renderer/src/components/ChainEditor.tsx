// The steps of the recipe: presets, the ordered chain as cards (drag, or keyboard, to reorder),
// and adding a step. Removing a step hands the focus to its neighbour, never to the page.
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { useId } from 'react';
import { flushSync } from 'react-dom';
import { plural } from '../../../common/format';
import { ADD_STEP_ID } from '../lib/start-blockers';
import { useAppStore } from '../store';
import { stepToggleId } from '../store/spec';
import { useSettingsLocked } from '../store/use-settings-locked';
import { useSettingIssues } from '../store/use-spec-check';
import { AddFilter } from './AddFilter';
import { chainAnnouncements, DRAG_INSTRUCTIONS, stepNames } from './ChainAnnouncements';
import { ChainStepCard } from './ChainStepCard';
import { LockedNote } from './LockedNote';
import { PresetMenu } from './PresetMenu';
import { PresetUndo } from './PresetUndo';

export function ChainEditor() {
  const chain = useAppStore((s) => s.chain);
  const removeStep = useAppStore((s) => s.removeStep);
  const moveStepTo = useAppStore((s) => s.moveStepTo);
  const issues = useSettingIssues();
  const locked = useSettingsLocked();
  const noteId = useId();
  const sensors = useSensors(
    // A few pixels of travel before a drag starts, so a click on the handle stays a click.
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const names = stepNames(chain);
  const invalidSteps = new Set(issues.flatMap((i) => (/^steps\.\d+/.exec(i.field) ? [i.field.split('.')[1]] : [])));

  const remove = (id: string): void => {
    const index = chain.findIndex((entry) => entry.id === id);
    const neighbour = (chain[index + 1] ?? chain[index - 1])?.id;
    // Rendered at once, so the focus moves before the removed card's button takes it to <body>.
    flushSync(() => removeStep(id));
    document.getElementById(neighbour ? stepToggleId(neighbour) : ADD_STEP_ID)?.focus();
  };

  const onDragEnd = ({ active, over }: DragEndEvent): void => {
    if (!over || active.id === over.id) return;
    moveStepTo(
      String(active.id),
      chain.findIndex((entry) => entry.id === over.id),
    );
  };

  return (
    <section className="panel chain-panel" aria-labelledby="chain-heading">
      <header className="panel-header">
        <h2 id="chain-heading">Steps</h2>
        <PresetMenu disabled={locked} />
      </header>
      <PresetUndo />
      {locked && <LockedNote id={noteId} />}
      <fieldset className="panel-fieldset" disabled={locked} aria-describedby={locked ? noteId : undefined}>
        <p className="chain-count">
          {chain.length === 0
            ? 'No steps: images are only converted to the output format.'
            : `${plural(chain.length, 'step')}, applied top to bottom.`}
        </p>
        {chain.length > 0 && (
          <DndContext
            sensors={sensors}
            collisionDetection={closestCenter}
            accessibility={{
              announcements: chainAnnouncements(chain, names),
              screenReaderInstructions: DRAG_INSTRUCTIONS,
            }}
            onDragEnd={onDragEnd}
          >
            <SortableContext items={chain.map((entry) => entry.id)} strategy={verticalListSortingStrategy}>
              <ol className="chain-list" aria-label="Steps, applied top to bottom">
                {chain.map((entry, index) => (
                  <ChainStepCard
                    key={entry.id}
                    entry={entry}
                    index={index}
                    last={index === chain.length - 1}
                    name={names.get(entry.id) ?? ''}
                    invalid={invalidSteps.has(String(index))}
                    onRemove={remove}
                  />
                ))}
              </ol>
            </SortableContext>
          </DndContext>
        )}
        <AddFilter />
      </fieldset>
    </section>
  );
}
