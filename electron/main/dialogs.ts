// Native dialogs, adapted to the handlers' Dialogs interface.
import { type BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import type { Dialogs } from './handlers.js';

const IMAGE_FILTER = {
  name: 'Images',
  extensions: ['jpg', 'jpeg', 'png', 'webp', 'gif', 'tif', 'tiff', 'avif', 'heif', 'svg'],
};

export function nativeDialogs(window: () => BrowserWindow | undefined): Dialogs {
  const open = async (options: OpenDialogOptions): Promise<string[]> => {
    const win = window();
    const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return r.canceled ? [] : r.filePaths;
  };
  return {
    addFolders: () => open({ title: 'Add folders', properties: ['openDirectory', 'multiSelections'] }),
    addFiles: () => open({ title: 'Add images', properties: ['openFile', 'multiSelections'], filters: [IMAGE_FILTER] }),
    chooseOutput: async () =>
      (await open({ title: 'Output folder', properties: ['openDirectory', 'createDirectory'] }))[0] ?? null,
    chooseWatermark: async () =>
      (await open({ title: 'Watermark image', properties: ['openFile'], filters: [IMAGE_FILTER] }))[0] ?? null,
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
