// The main process's IPC handlers, Electron-free: each parses its payload with the channel's zod
// schema and answers with a typed Result. Electron's pieces (dialogs, shell, store, spawners,
// notifications) come in as dependencies, so tests drive these very handlers under plain Node.
import { stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { maxWorkers, type WorkerMode } from '../../common/concurrency.js';
import {
  CHANNELS,
  type Channel,
  type EventMap,
  type EventName,
  type ParsedRequestOf,
  parseRequest,
  type ResponseMap,
  type Result,
  type Settings,
  type UserPreset,
} from '../../common/ipc.js';
import { fieldPath } from '../../common/pipeline.js';
import type { Spawner } from '../../workers/pool/messages.js';
import { BatchRegistry } from './batches.js';
import { BenchmarkRunner } from './benchmarks.js';
import { countImages } from './count-images.js';
import { listQueued } from './file-listing.js';
import { PlanRunner } from './plans.js';
import { PreviewRenderer } from './preview.js';
import { ThumbnailMaker } from './thumbnails.js';
import { WatchRegistry } from './watches.js';

export interface Dialogs {
  addFolders(): Promise<string[]>;
  addFiles(): Promise<string[]>;
  chooseOutput(): Promise<string | null>;
  chooseWatermark(): Promise<string | null>;
  /** Where to save the error list as CSV, or null if the person cancelled. */
  chooseCsvPath(): Promise<string | null>;
}

export interface Store {
  getSettings(): Settings;
  setSettings(settings: Settings): void;
  listPresets(): UserPreset[];
  savePreset(preset: UserPreset): void;
  deletePreset(name: string): void;
}

export interface HandlerDeps {
  version: string;
  dialogs: Dialogs;
  store: Store;
  /** shell.openPath: resolves to '' on success, or an error message. */
  openPath(path: string): Promise<string>;
  /** shell.showItemInFolder: opens the file manager with the file selected. */
  showItem?(path: string): void;
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** Called when a batch ends; the app shows a notification if its window is not focused. */
  onBatchEnd?(title: string, body: string): void;
  /** Spawners that replace the plain-Node ones (Electron: utility processes). */
  spawners?: Partial<Record<WorkerMode, Spawner>>;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Share every batch that names no Redis server over this one (`pixmill serve --redis URL`). */
  redis?: string | undefined;
}

export type Handlers = { [C in Channel]: (payload: unknown) => Promise<Result<ResponseMap[C]>> };
type Implementations = { [C in Channel]: (req: ParsedRequestOf<C>) => Promise<Result<ResponseMap[C]>> };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const failure = (message: string): Result<never> => ({ ok: false, code: 'FAILED', message });

export function createHandlers(deps: HandlerDeps): Handlers & { dispose(): Promise<void> } {
  const batches = new BatchRegistry(deps);
  const preview = new PreviewRenderer(deps.spawners?.processes);
  const thumbnails = new ThumbnailMaker(deps.spawners?.processes);
  const listings = new Map<string, AbortController>();
  const benchmarks = new BenchmarkRunner(deps);
  const plans = new PlanRunner(deps);
  const watches = new WatchRegistry(deps);

  const impl: Implementations = {
    'app:info': async () => {
      const cores = availableParallelism();
      return ok({ version: deps.version, cores, maxWorkers: maxWorkers(cores), platform: process.platform });
    },
    'dialog:addFolders': async () => ok(await deps.dialogs.addFolders()),
    'dialog:addFiles': async () => ok(await deps.dialogs.addFiles()),
    'dialog:chooseOutput': async () => ok(await deps.dialogs.chooseOutput()),
    'dialog:chooseWatermark': async () => ok(await deps.dialogs.chooseWatermark()),
    'queue:count': async (req) =>
      ok(await countImages(req.path, (count, done) => deps.emit('queue:count', { path: req.path, count, done }))),
    'queue:list': async (req) => {
      listings.get(req.path)?.abort();
      const stop = new AbortController();
      listings.set(req.path, stop);
      try {
        return ok(
          await listQueued(
            req.path,
            (files, count, done) => deps.emit('queue:files', { path: req.path, files, count, done }),
            stop.signal,
          ),
        );
      } finally {
        if (listings.get(req.path) === stop) listings.delete(req.path);
      }
    },
    'queue:forget': async (req) => {
      listings.get(req.path)?.abort();
      return ok(null);
    },
    'thumbnail:get': async (req) => thumbnails.get(req),
    'batch:start': async (req) => batches.start(req),
    'batch:pause': async (req) => batches.control(req.id, 'pause'),
    'batch:resume': async (req) => batches.control(req.id, 'resume'),
    'batch:cancel': async (req) => batches.control(req.id, 'cancel'),
    'plan:start': async (req) => plans.start(req),
    'plan:cancel': async (req) => plans.cancel(req.id),
    'watch:start': async (req) => watches.start(req),
    'watch:stop': async (req) => watches.stop(req.id),
    'preview:render': async (req) => preview.render(req),
    'shell:openPath': async (req) => {
      const error = await deps.openPath(req.path);
      return error ? failure(`The folder could not be opened: ${error}`) : ok(null);
    },
    'shell:showItem': async (req) => {
      const exists = await stat(req.path).then(
        () => true,
        () => false,
      );
      if (!exists) return failure('This file is no longer there: it was moved or deleted.');
      if (!deps.showItem) return failure('The file manager cannot be opened here.');
      deps.showItem(req.path);
      return ok(null);
    },
    'settings:get': async () => ok(deps.store.getSettings()),
    'settings:set': async (req) => {
      deps.store.setSettings(req);
      return ok(null);
    },
    'presets:list': async () => ok(deps.store.listPresets()),
    'presets:save': async (req) => {
      deps.store.savePreset(req);
      return ok(null);
    },
    'presets:delete': async (req) => {
      deps.store.deletePreset(req.name);
      return ok(null);
    },
    'errors:saveCsv': async (req) => {
      const path = await deps.dialogs.chooseCsvPath();
      if (!path) return ok(null);
      await writeFile(path, req.csv, 'utf8');
      return ok(path);
    },
    'bench:run': async (req) => benchmarks.run(req),
    'bench:cancel': async () => benchmarks.cancel(),
  };

  async function handle<C extends Channel>(channel: C, payload: unknown): Promise<Result<ResponseMap[C]>> {
    const parsed = parseRequest(channel, payload);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = fieldPath(issue.path);
      return { ok: false, code: 'INVALID_REQUEST', field, message: `${channel}: ${field}: ${issue.message}` };
    }
    try {
      return await impl[channel](parsed.data);
    } catch (e) {
      deps.log?.('error', `${channel} failed: ${(e as Error).stack ?? String(e)}`);
      return failure((e as Error).message);
    }
  }

  const handlers = Object.fromEntries(
    CHANNELS.map((channel) => [channel, (payload: unknown) => handle(channel, payload)]),
  ) as Handlers;
  return Object.assign(handlers, {
    dispose: async () => {
      for (const stop of listings.values()) stop.abort();
      plans.dispose();
      await Promise.all([
        batches.cancelAll(),
        watches.stopAll(),
        benchmarks.dispose(),
        preview.close(),
        thumbnails.close(),
      ]);
    },
  });
}
