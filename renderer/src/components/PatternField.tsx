// The naming pattern with a live example of the name it makes (and the sub-folder it lands in).
import { NAME_TOKENS, OUTPUT_EXTENSIONS, type OutputSettings } from '../../../common/pipeline';
import { namingExample } from '../lib/naming-example';
import { useAppStore } from '../store';
import { sourceFoldersFor } from '../store/output-slice';
import { useFieldState } from '../store/use-spec-check';
import { FieldMessage } from './FieldMessage';

const TOKEN_LIST = NAME_TOKENS.map((t) => `{${t}}`).join(' ');

interface PatternFieldProps {
  idBase: string;
  field: string;
  pattern: string;
  format: OutputSettings['format'];
  /** A shoot-out's formats: the name's extension is the winner's. */
  pickFormat?: OutputSettings['pickFormat'];
  /** A row's sub-folder of the output folder, shown in front of the example. */
  folder?: string | undefined;
  /** A row's box: the example's {w} and {h} are fitted inside it. */
  size?: { width?: number | undefined; height?: number | undefined } | undefined;
  /** Rows show the example alone: the tokens are listed once, at the top of the list. */
  tokens?: boolean;
  onChange(pattern: string): void;
}

export function PatternField({
  idBase,
  field,
  pattern,
  format,
  pickFormat = [],
  folder,
  size,
  tokens = true,
  onChange,
}: PatternFieldProps) {
  const id = `${idBase}-pattern`;
  const exampleId = `${idBase}-pattern-example`;
  const state = useFieldState(`${field}.pattern`, id);
  const structure = useAppStore((s) => s.output.structure);
  const sourceFolders = useAppStore(sourceFoldersFor);
  const example = namingExample({ pattern, format: pickFormat[0] ?? format, structure, sourceFolders, folder, size });
  const named =
    pickFormat.length > 1
      ? `${example.output} or ${pickFormat
          .slice(1)
          .map((f) => `.${OUTPUT_EXTENSIONS[f]}`)
          .join(' or ')}`
      : example.output;
  return (
    <div className="field">
      <label htmlFor={id}>Naming pattern</label>
      <input
        id={id}
        type="text"
        spellCheck={false}
        value={pattern}
        aria-invalid={state.invalid || undefined}
        aria-describedby={[exampleId, state.describedBy].filter(Boolean).join(' ')}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="hint" id={exampleId}>
        {tokens && <span className="muted">Tokens {TOKEN_LIST} · </span>}
        <span className="muted">e.g. </span>
        <code>{example.input}</code> → <code data-testid="naming-example">{named}</code>
      </p>
      <FieldMessage field={`${field}.pattern`} id={state.errorId} />
    </div>
  );
}
