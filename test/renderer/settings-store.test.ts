// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { DEFAULT_FORECAST_SPEC, TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';
import {
  SETTINGS_KEY,
  defaultSettings,
  parseSettings,
} from '../../src-renderer/lib/stores/persisted-settings';
import { SettingsStore } from '../../src-renderer/lib/stores/settings-store.svelte';

function memoryStorage(initial: Record<string, string> = {}): Storage {
  const data = new Map(Object.entries(initial));
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (key) => data.get(key) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (key) => void data.delete(key),
    setItem: (key, value) => void data.set(key, value),
  };
}

describe('persisted settings', () => {
  it('survive a reload: what one store saves, the next one loads', () => {
    const storage = memoryStorage();
    const first = new SettingsStore(storage);
    first.useSpec(TUTORIAL_SINE_SPEC);
    first.spec.layers.push(12);
    first.data.testFraction = 0.3;
    first.theme = 'dark';
    first.view = 'train';
    first.lastDataset = { kind: 'sample', id: 'co2' };
    first.save();

    const second = new SettingsStore(storage);
    expect(second.spec.layers).toEqual([30, 30, 12]);
    expect(second.spec.optimizer).toBe('adagrad');
    expect(second.data.testFraction).toBe(0.3);
    expect(second.theme).toBe('dark');
    expect(second.view).toBe('train');
    expect(second.lastDataset).toEqual({ kind: 'sample', id: 'co2' });
  });

  it('falls back per field: a broken spec does not cost the theme', () => {
    const raw = JSON.stringify({ spec: { cell: 'transformer' }, theme: 'dark', view: 'nowhere' });
    const loaded = parseSettings(raw, defaultSettings(false));
    expect(loaded.spec).toEqual(DEFAULT_FORECAST_SPEC);
    expect(loaded.theme).toBe('dark');
    expect(loaded.view).toBe('designer');
  });

  it('starts from defaults on garbage, honouring the system theme', () => {
    expect(parseSettings('{not json', defaultSettings(true)).theme).toBe('dark');
    const store = new SettingsStore(memoryStorage({ [SETTINGS_KEY]: 'null' }), false);
    expect(store.theme).toBe('light');
    expect(store.spec).toEqual(DEFAULT_FORECAST_SPEC);
  });

  it('keeps working when storage throws', () => {
    const broken = memoryStorage();
    broken.getItem = () => {
      throw new Error('denied');
    };
    broken.setItem = () => {
      throw new Error('full');
    };
    const store = new SettingsStore(broken);
    expect(() => store.save()).not.toThrow();
  });
});
