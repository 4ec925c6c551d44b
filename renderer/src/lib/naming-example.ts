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

/** The example's size fitted inside a box, never enlarged (a side left out does not limit). */
function fitted(box: { width?: number | undefined; height?: number | undefined } = {}): {
  width: number;
  height: number;
} {
  const { width, height } = EXAMPLE_INPUT;
  const limits = [box.width, box.height].map((v) => (v !== undefined && Number.isFinite(v) && v > 0 ? v : Infinity));
  const scale = Math.min(1, limits[0]! / width, limits[1]! / height);
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * "holiday/IMG_0001.jpg → holiday/IMG_0001-small.webp" for the given output settings. A recipe
 * output's sub-folder comes before the folder structure, after the source folder's own:
 * Photos/800/holiday/IMG_0001.webp.
 */
export function namingExample(
  output: Pick<OutputSettings, 'pattern' | 'format' | 'structure'> &
    Partial<Pick<OutputSettings, 'sourceFolders'>> & {
      folder?: string | undefined;
      /** A recipe output's box: {w} and {h} are the example fitted inside it, never enlarged. */
      size?: { width?: number | undefined; height?: number | undefined } | undefined;
    },
  now: Date = new Date(),
): { input: string; output: string } {
  const { root, folder, file } = EXAMPLE_INPUT;
  const { width, height } = fitted(output.size);
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
  const kept = [output.folder, output.structure === 'keep' ? folder : undefined, name].filter(Boolean).join('/');
  if (!output.sourceFolders) return { input: `${folder}/${file}`, output: kept };
  return { input: `${root}/${folder}/${file}`, output: `${root}/${kept}` };
}
