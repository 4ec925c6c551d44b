// Every path a parsed request names, so the server can hold each against its roots before the
// handler sees it: inputs, output folders, the file of a preview or thumbnail, and the files a
// recipe's steps read (a watermark), found through the filter registry's `path` parameters. Each
// comes with the field a refusal is shown at, as the handlers name fields.
import { FILTERS, type FilterOp } from '../common/filters.js';
import type { Channel, ParsedRequestOf } from '../common/ipc.js';
import type { PipelineSpec } from '../common/pipeline.js';

export interface NamedPath {
  path: string;
  /** Absent where the path is the whole request (a thumbnail's file, a folder being listed). */
  field?: string;
}

function specPaths(spec: PipelineSpec | undefined, prefix = 'spec.'): NamedPath[] {
  if (!spec) return [];
  return spec.steps.flatMap((step, index) => {
    const params = FILTERS[step.op as FilterOp].params as Record<string, { type: string }>;
    const values = step.params as Record<string, unknown>;
    return Object.entries(params).flatMap(([name, param]) => {
      const value = values[name];
      return param.type === 'path' && typeof value === 'string' && value !== ''
        ? [{ path: value, field: `${prefix}steps.${index}.params.${name}` }]
        : [];
    });
  });
}

const inputs = (list: string[]): NamedPath[] => list.map((path, i) => ({ path, field: `inputs.${i}` }));

export function requestPaths<C extends Channel>(channel: C, request: ParsedRequestOf<C>): NamedPath[] {
  // Channels without a payload parse to undefined.
  const req = (request ?? {}) as Record<string, unknown>;
  const spec = req['spec'] as PipelineSpec | undefined;
  switch (channel) {
    case 'queue:count':
    case 'queue:list':
    case 'queue:forget':
    case 'thumbnail:get':
    case 'shell:openPath':
    case 'shell:showItem':
      return [{ path: req['path'] as string }];
    case 'batch:start':
    case 'plan:start':
    case 'watch:start':
      return [
        ...inputs(req['inputs'] as string[]),
        { path: req['outDir'] as string, field: 'outDir' },
        ...specPaths(spec),
      ];
    case 'preview:render':
      return [{ path: req['input'] as string, field: 'input' }, ...specPaths(spec)];
    case 'bench:run':
      return [...inputs(req['inputs'] as string[]), ...specPaths(spec)];
    case 'settings:set': {
      // An empty output folder is "none chosen yet".
      const outDir = req['outDir'] as string;
      return [...(outDir ? [{ path: outDir, field: 'outDir' }] : []), ...specPaths(spec)];
    }
    case 'presets:save':
      return specPaths(spec);
    default:
      return [];
  }
}
