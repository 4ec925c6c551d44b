// Where outputs go and how they are written and named.
import { type OutputSettings, outputSchema } from '../../../common/pipeline';
import type { AppState, SliceCreator } from './app-state';

export interface OutputSlice {
  outDir: string;
  output: OutputSettings;
  /**
   * Whether the person set "a sub-folder per source folder" themselves. Until they do, it follows
   * the queue: on with two folders or more, so they do not merge into one tree.
   */
  sourceFoldersChosen: boolean;
  /** Process images an earlier batch wrote (skipped by default: compressing them again only loses quality). */
  recompress: boolean;
  setRecompress(on: boolean): void;
  setOutDir(outDir: string): void;
  setOutput<K extends keyof OutputSettings>(key: K, value: OutputSettings[K]): void;
  setSourceFolders(on: boolean): void;
  loadOutput(output: OutputSettings): void;
}

export const DEFAULT_OUTPUT: OutputSettings = outputSchema.parse({});

type SourceFolderState = Pick<AppState, 'output' | 'sourceFoldersChosen' | 'queue'>;

/** Folders in the queue (a file on its own has no folder to be named after). */
export const queuedFolders = (s: Pick<AppState, 'queue'>): number =>
  s.queue.reduce((n, item) => n + (item.kind === 'folder' ? 1 : 0), 0);

/** The sub-folder setting a batch started now would use. */
export function sourceFoldersFor(s: SourceFolderState): boolean {
  return s.sourceFoldersChosen ? s.output.sourceFolders : queuedFolders(s) >= 2;
}

export const createOutputSlice: SliceCreator<OutputSlice> = (set) => ({
  outDir: '',
  output: DEFAULT_OUTPUT,
  sourceFoldersChosen: false,
  recompress: false,
  setRecompress(recompress) {
    set({ recompress });
  },
  setOutDir(outDir) {
    set({ outDir });
  },
  setOutput(key, value) {
    set((s) => ({ output: { ...s.output, [key]: value } }));
  },
  setSourceFolders(on) {
    set((s) => ({ sourceFoldersChosen: true, output: { ...s.output, sourceFolders: on } }));
  },
  loadOutput(output) {
    set({ output: { ...output } });
  },
});
