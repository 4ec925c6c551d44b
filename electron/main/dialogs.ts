// Native dialogs, adapted to the handlers' Dialogs interface.
import { type BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import { DECODERS, FORMAT_EXTENSIONS } from '../../common/formats.js';
import type { SniffedFormat } from '../../common/sniff.js';
import type { Dialogs } from './handlers.js';

/** The name endings of the formats some decoder reads (`only`: just these decoders). */
function extensionsRead(only?: 'libvips'): string[] {
  const formats = (Object.keys(FORMAT_EXTENSIONS) as SniffedFormat[]).filter((f) =>
    only ? DECODERS[f] === only : DECODERS[f] !== undefined,
  );
  return [...new Set(formats.flatMap((f) => FORMAT_EXTENSIONS[f] ?? []))];
}

/** Files are read by content, so "All files" is offered too: a photo without an ending is still one. */
const IMAGE_FILTERS = [
  { name: 'Images', extensions: extensionsRead() },
  { name: 'All files', extensions: ['*'] },
];
/** A watermark is composited by libvips itself: only its formats. */
const WATERMARK_FILTER = { name: 'Images', extensions: extensionsRead('libvips') };

export function nativeDialogs(window: () => BrowserWindow | undefined): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = window();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  };
  return {
    addFolders: () => open({ title: 'Add folders', properties: ['openDirectory', 'multiSelections'] }),
    addFiles: () => open({ title: 'Add images', properties: ['openFile', 'multiSelections'], filters: IMAGE_FILTERS }),
    chooseOutput: async () =>
      (await open({ title: 'Output folder', properties: ['openDirectory', 'createDirectory'] }))[0] ?? null,
    chooseWatermark: async () =>
      (await open({ title: 'Watermark image', properties: ['openFile'], filters: [WATERMARK_FILTER] }))[0] ?? null,
    chooseCsvPath: async () => {
      const options = {
        title: 'Save errors as CSV',
        defaultPath: 'pixmill-errors.csv',
        filters: [{ name: 'CSV', extensions: ['csv'] }],
      };
      const win = window();
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
  };
}
