// `pixmill presets`: the built-in presets, for people (name, label, what it does) or, with
// `--json`, complete specs a script can save and edit: one entry of the list, as it is, is a
// valid `--pipeline`.
import { PRESETS } from '../../common/presets.js';
import { recipeOutputs } from '../../common/recipes.js';

export function presetsCommand(flags: { json?: boolean }): number {
  if (flags.json) {
    const list = PRESETS.map(({ name, label, description, spec }) => ({ name, label, description, spec }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return 0;
  }
  const width = Math.max(...PRESETS.map((p) => p.name.length));
  const lines = PRESETS.flatMap((p) => {
    const line = `  ${p.name.padEnd(width)}  ${p.label}: ${p.description}`;
    if (p.spec.outputs.length === 0) return [line];
    // A preset with several outputs says which, as the run announces them.
    const outputs = recipeOutputs(p.spec).map((o) => o.label);
    return [line, `  ${' '.repeat(width)}  ${outputs.length} outputs: ${outputs.join(', ')}`];
  });
  process.stdout.write(
    `Built-in presets (use with pixmill run --preset NAME; --json prints their specs):\n${lines.join('\n')}\n`,
  );
  return 0;
}
