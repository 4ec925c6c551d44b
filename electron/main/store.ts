// Settings and user presets, persisted with electron-conf in the user's data folder. What is read
// back is parsed again: a hand-edited or outdated file falls back to defaults, never crashes.
import { Conf } from 'electron-conf/main';
import { type Settings, settingsSchema, type UserPreset, userPresetSchema } from '../../common/ipc.js';
import type { PipelineSpec } from '../../common/pipeline.js';
import type { Store } from './handlers.js';

interface Stored {
  settings: unknown;
  presets: unknown[];
}

export function createStore(
  conf: Pick<Conf<Stored>, 'get' | 'set'> = new Conf<Stored>({
    name: 'pixmill',
    defaults: { settings: {}, presets: [] },
  }),
): Store {
  const presets = (): UserPreset[] =>
    (conf.get('presets') ?? []).flatMap((p) => {
      const r = userPresetSchema.safeParse(p);
      return r.success ? [{ name: r.data.name, spec: r.data.spec as PipelineSpec }] : [];
    });
  return {
    getSettings: () => {
      const r = settingsSchema.safeParse(conf.get('settings') ?? {});
      return r.success ? r.data : settingsSchema.parse({});
    },
    setSettings: (settings: Settings) => conf.set('settings', settings),
    listPresets: presets,
    savePreset: (preset) => conf.set('presets', [...presets().filter((p) => p.name !== preset.name), preset]),
    deletePreset: (name) =>
      conf.set(
        'presets',
        presets().filter((p) => p.name !== name),
      ),
  };
}
