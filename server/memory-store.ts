// Settings and presets for one `pixmill serve`: kept in memory, so a served window starts from
// the defaults and leaves nothing behind in the desktop app's settings file.
import { type Settings, settingsSchema, type UserPreset } from '../common/ipc.js';
import type { Store } from '../electron/main/handlers.js';

export function memoryStore(): Store {
  let settings: Settings = settingsSchema.parse({});
  let presets: UserPreset[] = [];
  return {
    getSettings: () => settings,
    setSettings: (next) => {
      settings = next;
    },
    listPresets: () => presets,
    savePreset: (preset) => {
      presets = [...presets.filter((p) => p.name !== preset.name), preset];
    },
    deletePreset: (name) => {
      presets = presets.filter((p) => p.name !== name);
    },
  };
}
