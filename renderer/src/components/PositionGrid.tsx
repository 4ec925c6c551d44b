// A position as nine cells on a 3×3 grid, one radio group: the arrow keys move through it the way
// the cells are laid out (up and down by row, not only along the list), and each cell is named in
// words ("Bottom right").
import { type KeyboardEvent, useId, useRef } from 'react';

/** The nine positions in reading order, as the registry names them. */
const CELLS = ['northwest', 'north', 'northeast', 'west', 'center', 'east', 'southwest', 'south', 'southeast'] as const;

const MOVES: Record<string, [number, number]> = {
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
};

interface PositionGridProps {
  /** The checked cell gets this id, so a message can move the focus to the choice. */
  id: string;
  labelledBy: string;
  value: string;
  labels: Readonly<Record<string, string>>;
  describedBy?: string | undefined;
  onChange(value: string): void;
}

export function PositionGrid({ id, labelledBy, value, labels, describedBy, onChange }: PositionGridProps) {
  const name = useId();
  const cells = useRef<(HTMLInputElement | null)[]>([]);
  const current = Math.max(0, (CELLS as readonly string[]).indexOf(value));

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>): void => {
    const move = MOVES[e.key];
    if (!move) return;
    // Native radios step through the list; a grid steps by row and column.
    e.preventDefault();
    const row = Math.min(2, Math.max(0, Math.floor(current / 3) + move[0]));
    const col = Math.min(2, Math.max(0, (current % 3) + move[1]));
    const next = row * 3 + col;
    onChange(CELLS[next]!);
    cells.current[next]?.focus();
  };

  return (
    <div
      className="position-grid"
      role="radiogroup"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      onKeyDown={onKeyDown}
    >
      {CELLS.map((cell, index) => (
        <input
          key={cell}
          ref={(el) => {
            cells.current[index] = el;
          }}
          id={index === current ? id : undefined}
          type="radio"
          name={name}
          value={cell}
          checked={index === current}
          aria-label={labels[cell] ?? cell}
          title={labels[cell] ?? cell}
          className="position-cell"
          onChange={() => onChange(cell)}
        />
      ))}
    </div>
  );
}
