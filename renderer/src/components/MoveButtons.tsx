// The ↑ ↓ buttons of a card in one of the window's reorderable lists (the chain, the outputs).
import { useRef } from 'react';
import { flushSync } from 'react-dom';

interface Props {
  /** What the card is called in the buttons' labels: "Move output 2 up". */
  name: string;
  index: number;
  last: boolean;
  onMove: (delta: -1 | 1) => void;
}

export function MoveButtons({ name, index, last, onMove }: Props) {
  const upButton = useRef<HTMLButtonElement>(null);
  const downButton = useRef<HTMLButtonElement>(null);
  // A move to either end disables the button just pressed; the focus goes to its opposite, not to <body>.
  const move = (delta: -1 | 1): void => {
    flushSync(() => onMove(delta));
    const pressed = delta < 0 ? upButton.current : downButton.current;
    if (pressed?.disabled) (delta < 0 ? downButton.current : upButton.current)?.focus();
  };
  return (
    <>
      <button
        type="button"
        className="icon-button"
        ref={upButton}
        aria-label={`Move ${name} up`}
        title="Move up"
        disabled={index === 0}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="icon-button"
        ref={downButton}
        aria-label={`Move ${name} down`}
        title="Move down"
        disabled={last}
        onClick={() => move(1)}
      >
        ↓
      </button>
    </>
  );
}
