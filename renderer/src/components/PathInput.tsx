// A path typed by hand or picked in a native dialog: the output folder, the preview image and a
// filter's file (e.g. the watermark) all take one.
interface PathInputProps {
  id: string;
  value: string;
  placeholder: string;
  /** The button's name, e.g. "Choose folder…": what the dialog will ask for. */
  chooseLabel: string;
  onChange: (value: string) => void;
  onChoose: () => void;
  describedBy?: string | undefined;
  invalid?: boolean;
  /** The button's accessible name when its text alone would be ambiguous ("Choose watermark file"). */
  chooseName?: string | undefined;
}

export function PathInput({
  id,
  value,
  placeholder,
  chooseLabel,
  onChange,
  onChoose,
  describedBy,
  invalid,
  chooseName,
}: PathInputProps) {
  return (
    <div className="input-with-button">
      <input
        id={id}
        type="text"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" aria-label={chooseName} onClick={onChoose}>
        {chooseLabel}
      </button>
    </div>
  );
}
