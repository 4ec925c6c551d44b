// The live example under the naming pattern. It mirrors the engine's planner
// (workers/batch/plan-output.ts), which the renderer may not import: tokens expand in one pass,
// {w}×{h} show example numbers, and the output format's extension is always appended.
import { localDate } from '../../../common/format';
import { NAME_TOKENS, type NameToken, OUTPUT_EXTENSIONS, type OutputSettings } from '../../../common/pipeline';

export const EXAMPLE_INPUT = {
  /** The dropped folder, named in the example only when it gets a sub-folder of its own. */
  root: 'Photos',
  folder: 'holiday',
  file: 'IMG_0001.jpg',
  width: 1600,
  height: 1067,
} as const;

const TOKEN = new RegExp(`\\{(${NAME_TOKENS.join('|')})\\}`, 'g');

/** "holiday/IMG_0001.jpg → holiday/IMG_0001-small.webp" for the given output settings. */
export function namingExample(
  output: Pick<OutputSettings, 'pattern' | 'format' | 'structure'> & Partial<Pick<OutputSettings, 'sourceFolders'>>,
  now: Date = new Date(),
): { input: string; output: string } {
  const { root, folder, file, width, height } = EXAMPLE_INPUT;
  const dot = file.lastIndexOf('.');
  const ext = file.slice(dot + 1).toLowerCase();
  const values: Record<NameToken, string> = {
    name: file.slice(0, dot),
    ext,
    n: '1',
    date: localDate(now),
    w: String(width),
    h: String(height),
  };
  const expanded = output.pattern.replace(TOKEN, (_, token: NameToken) => values[token]);
  const outExt = output.format === 'keep' ? ext : OUTPUT_EXTENSIONS[output.format];
  const name = `${expanded || 'image'}.${outExt}`;
  const kept = output.structure === 'keep' ? `${folder}/${name}` : name;
  if (!output.sourceFolders) return { input: `${folder}/${file}`, output: kept };
  return { input: `${root}/${folder}/${file}`, output: `${root}/${kept}` };
}
