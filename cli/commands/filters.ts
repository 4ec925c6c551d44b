// `pixmill filters`: every filter of the registry with its parameters — type, range or choices,
// default — for people, or with `--json` exactly as the registry describes them, so a script can
// write `steps` for a `--pipeline` file without reading the source.
import { FILTER_OPS, FILTERS, type FilterOp } from '../../common/filters.js';
import type { ParamSpec } from '../../common/params.js';
import { UsageError } from '../usage-error.js';

/** "integer 1–65535 px", "one of inside, contain…", "colour #rrggbb[aa]". */
function describeType(p: ParamSpec): string {
  switch (p.type) {
    case 'number':
    case 'integer':
      return `${p.type} ${p.min}–${p.max}${p.unit ? ` ${p.unit}` : ''}`;
    case 'enum':
      return `one of ${p.options.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'color':
      return 'colour #rrggbb or #rrggbbaa';
    case 'string':
      return `text, at most ${p.maxLength} characters`;
    case 'path':
      return 'path to a file';
  }
}

const shown = (value: unknown): string => (value === '' ? '(none)' : String(value));

function describeFilter(op: FilterOp): string {
  const f = FILTERS[op];
  const params = Object.entries(f.params as Record<string, ParamSpec>);
  const width = Math.max(0, ...params.map(([name]) => name.length));
  const rows = params.map(([name, p]) => {
    const when = p.showWhen ? ` (when ${p.showWhen.param} is ${p.showWhen.in.join(' or ')})` : '';
    return `    ${name.padEnd(width)}  ${p.label}: ${describeType(p)}; default ${shown(p.default)}${when}`;
  });
  return [`  ${op} — ${f.label}: ${f.description}`, ...(rows.length ? rows : ['    (no parameters)'])].join('\n');
}

export function filtersCommand(name: string | undefined, flags: { json?: boolean }): number {
  const ops = name === undefined ? FILTER_OPS : FILTER_OPS.filter((op) => op === name);
  if (ops.length === 0) {
    throw new UsageError(`unknown filter "${name}"; the filters are ${FILTER_OPS.join(', ')}`);
  }
  if (flags.json) {
    const list = ops.map((op) => ({ op, ...FILTERS[op] }));
    process.stdout.write(`${JSON.stringify(name === undefined ? list : list[0], null, 2)}\n`);
    return 0;
  }
  const head =
    name === undefined
      ? 'Filters (a step in a --pipeline file is { "op": NAME, "params": { … } }; unset params take their default):\n'
      : '';
  process.stdout.write(`${head}${ops.map(describeFilter).join('\n\n')}\n`);
  return 0;
}
