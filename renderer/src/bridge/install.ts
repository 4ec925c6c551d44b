// Gives the page its `window.pixmill`: Electron's preload defines it before any script runs; a
// page served by `pixmill serve` has none, and gets the socket implementation instead. Imported
// first in main.tsx, so every module that calls the bridge finds it there.
import type { PixmillApi } from '../../../common/ipc';
import { socketApi } from './socket-api';

const page = globalThis as unknown as { pixmill?: PixmillApi };
const served = page.pixmill === undefined;
if (served) Object.defineProperty(globalThis, 'pixmill', { value: Object.freeze(socketApi()), enumerable: true });

/** Dropped files come with no path in a browser: only the drop zone needs to know. */
export const dropsGivePaths = (): boolean => !served;
