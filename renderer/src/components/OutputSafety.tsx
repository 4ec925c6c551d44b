// Where each output lands and what happens when its name is taken: folder structure, a sub-folder
// per source folder, existing outputs, and "skip if larger". Originals are never touched whatever
// is chosen here: the engine refuses any output that would land on an input.
import { useId } from 'react';
import { type CONFLICT_POLICIES, type OutputSettings, STRUCTURES } from '../../../common/pipeline';
import { useAppStore } from '../store';
import { queuedFolders, sourceFoldersFor } from '../store/output-slice';
import { SelectField } from './SelectField';

const STRUCTURE_LABELS: Record<OutputSettings['structure'], string> = {
  keep: 'Keep folder structure',
  flatten: 'Flatten into one folder',
};
const CONFLICT_LABELS: Record<OutputSettings['conflict'], string> = {
  overwrite: 'Replace it',
  suffix: 'Keep both (add -1)',
  skip: 'Skip the image',
};
/** The order a person reads them in: the usual answer first. */
const CONFLICT_ORDER = ['suffix', 'overwrite', 'skip'] as const satisfies readonly (typeof CONFLICT_POLICIES)[number][];

function sourceFoldersHint(on: boolean, chosen: boolean, folders: number): string {
  if (!chosen && folders >= 2) return `On because ${folders} folders are queued: each gets its own sub-folder.`;
  if (on) return 'Each queued folder gets a sub-folder named after it; two of the same name get -2.';
  return 'All folders share one tree in the output folder.';
}

export function OutputSafety() {
  const output = useAppStore((s) => s.output);
  const setOutput = useAppStore((s) => s.setOutput);
  const setSourceFolders = useAppStore((s) => s.setSourceFolders);
  const chosen = useAppStore((s) => s.sourceFoldersChosen);
  const folders = useAppStore(queuedFolders);
  const sourceFolders = useAppStore(sourceFoldersFor);
  const recompress = useAppStore((s) => s.recompress);
  const setRecompress = useAppStore((s) => s.setRecompress);
  const ids = {
    sourceHint: useId(),
    conflict: useId(),
    conflictHint: useId(),
    largerHint: useId(),
    recompressHint: useId(),
  };

  return (
    <>
      <SelectField
        label="Folders"
        value={output.structure}
        options={STRUCTURES}
        labels={STRUCTURE_LABELS}
        onChange={(v) => setOutput('structure', v)}
      />
      <div className="check-field">
        <label className="check">
          <input
            type="checkbox"
            checked={sourceFolders}
            aria-describedby={ids.sourceHint}
            onChange={(e) => setSourceFolders(e.target.checked)}
          />
          A sub-folder for each source folder
        </label>
        <p className="hint muted" id={ids.sourceHint} data-testid="source-folders-hint">
          {sourceFoldersHint(sourceFolders, chosen, folders)}
        </p>
      </div>
      <div className="field">
        <label htmlFor={ids.conflict}>If an output already exists</label>
        <select
          id={ids.conflict}
          value={output.conflict}
          aria-describedby={ids.conflictHint}
          onChange={(e) => setOutput('conflict', CONFLICT_ORDER.find((o) => o === e.target.value) ?? output.conflict)}
        >
          {CONFLICT_ORDER.map((policy) => (
            <option key={policy} value={policy}>
              {CONFLICT_LABELS[policy]}
            </option>
          ))}
        </select>
        <p className="hint muted" id={ids.conflictHint}>
          Outputs from an earlier run of these images are updated in place, never doubled. Originals are never replaced.
        </p>
      </div>
      <div className="check-field">
        <label className="check">
          <input
            type="checkbox"
            checked={output.skipLarger}
            aria-describedby={ids.largerHint}
            onChange={(e) => setOutput('skipLarger', e.target.checked)}
          />
          Skip if the output would be larger than the original
        </label>
        <p className="hint muted" id={ids.largerHint}>
          Such an image gets no output, and the problem list says by how much it would have grown.
        </p>
      </div>
      <div className="check-field">
        <label className="check">
          <input
            type="checkbox"
            checked={recompress}
            aria-describedby={ids.recompressHint}
            onChange={(e) => setRecompress(e.target.checked)}
          />
          Compress images Pixmill made again
        </label>
        <p className="hint muted" id={ids.recompressHint}>
          An earlier batch's outputs dropped here are skipped unless this is on: each new compression loses a little
          quality.
        </p>
      </div>
    </>
  );
}
