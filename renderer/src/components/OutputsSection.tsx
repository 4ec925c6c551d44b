// How many outputs each image makes. One by default, set right here; "Add output" turns the recipe
// into a list of outputs from one decode (each its own size, format, quality, sub-folder and name),
// and "Responsive web" fills the list with a set of widths for a web page. Removing a row hands
// the focus to its neighbour, never to the page.
import { flushSync } from 'react-dom';
import { findPreset } from '../../../common/presets';
import { recipeOutputs } from '../../../common/recipes';
import { useAppStore } from '../store';
import { ADD_OUTPUT_ID, rowControlId } from '../store/spec';
import { useSettingIssues } from '../store/use-spec-check';
import { ManifestField } from './ManifestField';
import { OutputRowCard, rowToggleId } from './OutputRowCard';
import { OutputsFillUndo, RESPONSIVE_ID } from './OutputsFillUndo';
import { SingleOutputFields } from './SingleOutputFields';

/** The schema's bound on a recipe's outputs. */
const MAX_OUTPUTS = 50;
const RESPONSIVE = findPreset('responsive-web');

export function OutputsSection() {
  const rows = useAppStore((s) => s.outputRows);
  const output = useAppStore((s) => s.output);
  const addOutput = useAppStore((s) => s.addOutput);
  const removeOutput = useAppStore((s) => s.removeOutput);
  const fillOutputs = useAppStore((s) => s.fillOutputs);
  const issues = useSettingIssues();
  const invalidRows = new Set(issues.flatMap((i) => /^outputs\.(\d+)\./.exec(i.field)?.[1] ?? []));
  const labels = recipeOutputs({ output, outputs: rows.map((r) => r.variant) }).map((o) => o.label);

  const add = (): void => {
    let id = '';
    // Rendered at once, open: the new row's width is focused, the next thing the person sets, and
    // selected, so typing a width replaces the suggested one.
    flushSync(() => {
      id = addOutput();
    });
    const width = document.getElementById(rowControlId(id, 'width'));
    width?.focus();
    if (width instanceof HTMLInputElement) width.select();
  };

  const remove = (id: string): void => {
    const index = rows.findIndex((row) => row.id === id);
    const neighbour = (rows[index + 1] ?? rows[index - 1])?.id;
    flushSync(() => removeOutput(id));
    document.getElementById(neighbour ? rowToggleId(neighbour) : ADD_OUTPUT_ID)?.focus();
  };

  return (
    <section className="outputs-section" aria-labelledby="outputs-heading">
      <h3 id="outputs-heading" className="section-heading">
        {rows.length === 0 ? 'One output per image' : `${rows.length} outputs per image`}
      </h3>
      {rows.length === 0 ? (
        <SingleOutputFields />
      ) : (
        <ol className="output-list" aria-label="Outputs, each made from the same decoded image">
          {rows.map((row, index) => (
            <OutputRowCard
              key={row.id}
              row={row}
              index={index}
              last={index === rows.length - 1}
              label={labels[index] ?? ''}
              base={output}
              invalid={invalidRows.has(String(index))}
              onRemove={remove}
            />
          ))}
        </ol>
      )}
      <div className="button-row">
        <button type="button" id={ADD_OUTPUT_ID} disabled={rows.length >= MAX_OUTPUTS} onClick={add}>
          Add output
        </button>
        {RESPONSIVE && (
          <button
            type="button"
            id={RESPONSIVE_ID}
            title={RESPONSIVE.description}
            onClick={() => fillOutputs(RESPONSIVE.label, RESPONSIVE.spec)}
          >
            {RESPONSIVE.label}
          </button>
        )}
      </div>
      <OutputsFillUndo />
      {rows.length >= 2 && <ManifestField />}
    </section>
  );
}
