// The engine names a problem by its field path and a schema sentence ("steps.0.params.longEdge:
// Expected a number of at least 1"); a person needs the setting's name and what to do about it
// ("Long edge must be between 1 and 65,535 px"). This is the one place that translates.
import { FILTER_OPS, FILTERS, type FilterOp } from '../../../common/filters';
import type { ParamSpec } from '../../../common/params';
import { EFFORT_RANGE, NAME_TOKENS, QUALITY_RANGE, SIZE_CAP, TARGET_SCORE, TIME_LIMIT } from '../../../common/pipeline';
import { toDisplay, withUnit } from './param-values';

/** The steps a message may refer to by position, so it can name them ("Resize, step 2"). */
export type StepOps = readonly { op: string }[];

const isOp = (op: string | undefined): op is FilterOp => FILTER_OPS.some((o) => o === op);

function paramOf(op: string | undefined, name: string): ParamSpec | undefined {
  if (isOp(op)) return (FILTERS[op].params as Record<string, ParamSpec>)[name];
  // Without the step, a parameter every filter describes alike still has a name.
  const specs = FILTER_OPS.map((o) => (FILTERS[o].params as Record<string, ParamSpec>)[name]).filter(Boolean);
  return specs.length === 1 ? specs[0] : undefined;
}

function range(spec: ParamSpec & { type: 'number' | 'integer' }): string {
  return `between ${withUnit(toDisplay(spec, spec.min), undefined)} and ${withUnit(toDisplay(spec, spec.max), spec.unit)}`;
}

/** What is wrong with one filter parameter, from the registry's description of it. */
export function paramProblem(spec: ParamSpec, message = ''): string {
  const { label } = spec;
  switch (spec.type) {
    case 'number':
    case 'integer':
      if (/^Expected a number between/.test(message)) return `Enter a number for ${lower(label)}, ${range(spec)}`;
      if (spec.type === 'integer' && /whole number/.test(message))
        return `${label} must be a whole number ${range(spec)}`;
      return `${label} must be ${range(spec)}`;
    case 'enum':
      return `Choose one of the listed options for ${lower(label)}`;
    case 'boolean':
      return `${label} must be on or off`;
    case 'color':
      return `${label} must be a colour like #ff8800, or #ff880080 with transparency`;
    case 'string':
      return `${label} can be at most ${spec.maxLength} characters`;
    case 'path':
      return /4096/.test(message) ? `The ${lower(label)} path is too long` : `Choose a ${lower(label)}`;
  }
}

const lower = (text: string): string =>
  /^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text;
const sentence = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** "Resize, step 2": how a message names the step it is about. */
export function stepName(steps: StepOps | undefined, index: number): string {
  const op = steps?.[index]?.op;
  return isOp(op) ? `${FILTERS[op].label}, step ${index + 1}` : `Step ${index + 1}`;
}

const OUTPUT_PROBLEMS: Record<string, (message: string) => string> = {
  format: () => 'Choose an output format from the list',
  quality: () => `Quality must be a whole number between ${QUALITY_RANGE.min} and ${QUALITY_RANGE.max}`,
  effort: () => `Effort must be a whole number between ${EFFORT_RANGE.min} and ${EFFORT_RANGE.max}`,
  lossless: () => 'Lossless must be on or off',
  toSrgb: () => 'Convert to sRGB must be on or off',
  metadata: () => 'Choose what to do with metadata from the list',
  background: () => 'The background for transparency must be a colour like #ffffff',
  structure: () => 'Choose how folders are laid out from the list',
  conflict: () => 'Choose what happens when an output exists from the list',
  targetScore(message) {
    if (/Lossless/.test(message))
      return 'A quality target needs lossy files: turn Lossless off, or use a fixed quality';
    if (/lossy format/.test(message))
      return 'A quality target needs JPEG, WebP, AVIF or JPEG XL: PNG, TIFF and GIF have no quality to choose';
    return `The target score must be a whole number between ${TARGET_SCORE.min} and ${TARGET_SCORE.max}`;
  },
  maxBytes: () =>
    `The size cap must be between ${Math.ceil(SIZE_CAP.min / 1000)} and ${Math.floor(SIZE_CAP.max / 1000).toLocaleString('en-US')} kB`,
  sizeCapOutcome: () => 'Choose what happens to an image that cannot fit under the size cap from the list',
  minQuality: () => `The lowest quality must be a whole number between ${QUALITY_RANGE.min} and ${QUALITY_RANGE.max}`,
  pickFormat: () => 'Choose the formats to compare among AVIF, WebP, JPEG and JPEG XL',
  metadataKeep: () => 'Choose the metadata to keep from the listed kinds',
  keepDates: () => 'Keep file dates must be on or off',
  sourceFolders: () => 'A sub-folder for each source folder must be on or off',
  skipLarger: () => 'Skip if larger must be on or off',
  width: () => 'The width must be a whole number between 1 and 65,535 px, or left empty',
  height: () => 'The height must be a whole number between 1 and 65,535 px, or left empty',
  folder(message) {
    if (/stay inside/.test(message))
      return 'A sub-folder may not start with /, hold \\ or “..”, or have empty parts: outputs always stay inside the output folder';
    if (/at most/.test(message)) return 'A sub-folder name can be at most 200 characters';
    return 'Enter a sub-folder name, such as 800 or webp/large';
  },
  pattern(message) {
    const same = /Outputs (\d+) and (\d+) would write files of the same name/.exec(message);
    if (same)
      return `Outputs ${same[1]} and ${same[2]} would write files of the same name: give each its own naming pattern (such as {name}-800) or sub-folder`;
    if (/outputs always stay inside/.test(message))
      return 'The naming pattern may not contain /, \\ or “..”: outputs always stay inside the output folder';
    if (/Unknown token/.test(message))
      return `The naming pattern uses an unknown token; it accepts ${NAME_TOKENS.map((t) => `{${t}}`).join(' ')}`;
    if (/at most/.test(message)) return 'The naming pattern can be at most 200 characters';
    return 'Enter a naming pattern, such as {name}-small';
  },
};

/**
 * A problem with one setting of the pipeline spec, in words. `field` is the spec's own path
 * ("steps.0.params.width", "output.quality"); `message` the schema's sentence, which only helps
 * tell "not a number" from "out of range".
 */
export function specProblem(field: string, message: string, steps?: StepOps): string {
  const [area, index, part, name] = field.split('.');
  if (area === 'steps' && index !== undefined && /^\d+$/.test(index)) {
    const i = Number(index);
    const where = stepName(steps, i);
    if (part === 'params' && name) {
      const spec = paramOf(steps?.[i]?.op, name);
      return spec ? `${where}: ${paramProblem(spec, message)}` : `${where}: a setting of this step is not valid`;
    }
    if (part === 'params') return `${where}: this step has a setting Pixmill does not know`;
    if (part === 'op') return `${where} is not a filter Pixmill knows`;
    return `${where} is not valid`;
  }
  if (area === 'steps') return 'The chain can hold at most 100 steps';
  if (area === 'output' && index) return OUTPUT_PROBLEMS[index]?.(message) ?? 'An output setting is not valid';
  if (area === 'outputs' && index !== undefined && /^\d+$/.test(index)) {
    const problem = (part && OUTPUT_PROBLEMS[part]?.(message)) || 'a setting of this output is not valid';
    // A clash names both outputs itself.
    return /^Outputs \d+ and/.test(problem) ? problem : `Output ${Number(index) + 1}: ${problem}`;
  }
  if (area === 'outputs') return 'A recipe can have at most 50 outputs';
  if (area === 'manifest') return 'Choose a kind of manifest from the list';
  if (area === 'limits' && index === 'timeoutSeconds')
    return `The time limit must be Automatic or between ${TIME_LIMIT.min} and ${withUnit(TIME_LIMIT.max, 'seconds')}`;
  if (area === 'limits') return 'A limit in the saved settings is out of range';
  return 'The settings are not valid';
}

/** The schema's words and engine names a person must never be shown. */
const ENGINE_WORDS = /steps\.\d|batch:|Expected |^[a-z]+:[a-zA-Z]+: /;

function outputFolderProblem(message: string): string {
  if (/absolute/.test(message)) return 'The output folder must be a full path, e.g. /home/you/Pictures/out';
  if (/'\.\.'|\.\. segments/.test(message)) return 'The output folder may not contain “..” in its path';
  if (/at most 4096/.test(message)) return 'The output folder’s path is too long';
  return 'Choose an output folder';
}

const REQUEST_FIELDS: Record<string, (message: string, reason: string) => string> = {
  outDir: (message, reason) => (ENGINE_WORDS.test(message) ? outputFolderProblem(message) : sentence(reason)),
  inputs: (message, reason) =>
    /at least one/i.test(message)
      ? 'Add at least one folder or image'
      : humanOr(reason, 'A queued folder or image cannot be used: its path is not a full path'),
  input: (_message, reason) =>
    humanOr(reason, 'The image to preview must be a full path, e.g. /home/you/Pictures/photo.jpg'),
  workers: (_message, reason) => {
    const [, from, to] = /from (\d+) to (\d+)/.exec(reason) ?? [];
    return from
      ? `The number of workers must be a whole number from ${from} to ${to}`
      : 'The number of workers is not valid';
  },
  mode: () => 'Choose how the workers run (processes, threads or inline) in Settings',
  name: (message) =>
    /at most/.test(message) ? 'A preset name can be at most 80 characters' : 'Give the preset a name first',
  size: () => 'The preview size is out of range',
  path: () => 'That folder cannot be opened',
  id: () => 'That batch is no longer running',
};

const humanOr = (reason: string, fallback: string): string => (ENGINE_WORDS.test(reason) ? fallback : sentence(reason));

/**
 * Any refusal from the main process as one sentence a person can act on. Handlers prefix their
 * messages with the channel and the field ("batch:start: outDir: Expected an absolute path");
 * the engine's own refusals with the field ("outDir: the output folder … contains …").
 */
export function plainMessage(refusal: { message: string; field?: string | undefined }, steps?: StepOps): string {
  const { message } = refusal;
  const field = refusal.field ?? '';
  const reason = message
    .replace(/^[a-z]+:[a-zA-Z]+: /, '')
    .replace(field ? `${field}: ` : /^$/, '')
    .trim();
  if (field.startsWith('spec.')) {
    const specField = field.slice('spec.'.length);
    if (!ENGINE_WORDS.test(reason) && /\.params\.path$/.test(specField)) return watermarkProblem(reason);
    return specProblem(specField, reason, steps);
  }
  const root = field.split('.')[0] ?? '';
  const known = REQUEST_FIELDS[root];
  if (known) return known(message, reason);
  if (field) return humanOr(reason, 'A setting is not valid');
  return humanOr(reason, 'Pixmill could not do that; please try again');
}

function watermarkProblem(reason: string): string {
  if (/^choose/i.test(reason)) return 'Choose a watermark file';
  return sentence(reason.replace('watermark image', 'watermark file'));
}
