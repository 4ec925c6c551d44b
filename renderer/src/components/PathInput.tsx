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
}

export function PathInput({ id, value, placeholder, chooseLabel, onChange, onChoose, describedBy }: PathInputProps) {
  return (
    <div className="input-with-button">
      <input
        id={id}
        type="text"
        spellCheck={false}
        placeholder={placeholder}
        value={value}
        aria-describedby={describedBy}
        onChange={(e) => onChange(e.target.value)}
      />
      <button type="button" onClick={onChoose}>
        {chooseLabel}
      </button>
    </div>
  );
}
