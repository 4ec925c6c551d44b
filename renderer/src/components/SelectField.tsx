// A labelled select over a fixed list of values, with optional human labels per value.
import { useId } from 'react';

interface SelectFieldProps<V extends string> {
  label: string;
  value: V;
  options: readonly V[];
  labels?: Partial<Record<V, string>>;
  onChange(value: V): void;
  /** A fixed id, so a message elsewhere can move the focus to it. */
  id?: string | undefined;
  describedBy?: string | undefined;
  invalid?: boolean;
}

export function SelectField<V extends string>({
  label,
  value,
  options,
  labels,
  onChange,
  id: fixedId,
  describedBy,
  invalid,
}: SelectFieldProps<V>) {
  const ownId = useId();
  const id = fixedId ?? ownId;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(options.find((o) => o === e.target.value) ?? value)}
      >
        {options.map((option) => (
          <option key={option} value={option}>
            {labels?.[option] ?? option}
          </option>
        ))}
      </select>
    </div>
  );
}
