// A settings field typed as text and checked as a whole (a memory budget, a Redis address): the
// refusal is shown in words once the person leaves the field (not at every keystroke: "1" is on
// its way to "1 GB"), and Start lists it too, so a refused value is never sent.
import { useId, useState } from 'react';

interface CheckedTextFieldProps {
  id: string;
  className: string;
  label: string;
  placeholder: string;
  text: string;
  setText(text: string): void;
  /** null when the text is acceptable, else why not. */
  refusal: string | null;
  hint: string;
}

export function CheckedTextField(props: CheckedTextFieldProps) {
  const hintId = useId();
  const messageId = useId();
  // Reopening the dialog on a refused value shows why at once.
  const [left, setLeft] = useState(() => props.refusal !== null);
  const message = left ? props.refusal : null;

  return (
    <div className={`field ${props.className}`}>
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        type="text"
        spellCheck={false}
        autoComplete="off"
        placeholder={props.placeholder}
        value={props.text}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${messageId} ${hintId}` : hintId}
        onChange={(e) => props.setText(e.target.value)}
        onBlur={() => setLeft(true)}
        onKeyDown={(e) => e.key === 'Enter' && setLeft(true)}
      />
      {message && (
        <p className="field-message" role="alert" id={messageId}>
          {message}
        </p>
      )}
      <p className="hint muted" id={hintId}>
        {props.hint}
      </p>
    </div>
  );
}
