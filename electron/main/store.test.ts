// The settings store over a stand-in for electron-conf's get/set: what it reads back is parsed,
// so a damaged or outdated settings file falls back to defaults instead of breaking the app.
import { describe, expect, it, vi } from 'vitest';
import { makePipeline } from '../../common/pipeline.js';

vi.mock('electron-conf/main', () => ({ Conf: class {} }));
const { createStore } = await import('./store.js');

function memoryConf(initial: Record<string, unknown> = {}) {
  const data = new Map(Object.entries(initial));
  return { get: (k: string) => data.get(k), set: (k: string, v: unknown) => void data.set(k, v), data } as never as {
    get: (k: 'settings' | 'presets') => never;
    set: (k: 'settings' | 'presets', v: unknown) => void;
    data: Map<string, unknown>;
  };
}

describe('store', () => {
  it('gives defaults for a missing or damaged settings file', () => {
    expect(createStore(memoryConf() as never).getSettings()).toEqual({ outDir: '', mode: 'auto', workers: 0 });
    expect(createStore(memoryConf({ settings: { mode: 'warp', workers: -3 } }) as never).getSettings()).toEqual({
      outDir: '',
      mode: 'auto',
      workers: 0,
    });
  });

  it('keeps valid presets and drops broken ones', () => {
    const spec = makePipeline({ output: { format: 'webp' } });
    const store = createStore(
      memoryConf({
        presets: [{ name: 'Good', spec }, { name: 'Bad', spec: { steps: [{ op: 'explode' }] } }, 42],
      }) as never,
    );
    expect(store.listPresets().map((p) => p.name)).toEqual(['Good']);
  });

  it('replaces a preset saved under the same name, and deletes by name', () => {
    const conf = memoryConf();
    const store = createStore(conf as never);
    store.savePreset({ name: 'Web', spec: makePipeline({ output: { quality: 70 } }) });
    store.savePreset({ name: 'Web', spec: makePipeline({ output: { quality: 90 } }) });
    expect(store.listPresets().map((p) => p.spec.output.quality)).toEqual([90]);
    store.deletePreset('Web');
    expect(store.listPresets()).toEqual([]);
  });
});
