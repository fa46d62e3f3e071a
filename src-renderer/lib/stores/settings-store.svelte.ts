import { cloneSpec } from '../presets';
import type { BackendChoice, DataSettings, ModelSpec, Theme, ViewName } from '../types';
import {
  SETTINGS_KEY,
  defaultSettings,
  parseSettings,
  type DatasetRef,
  type PersistedSettings,
} from './persisted-settings';

/** What the user chose, edited in place by the forms and written to localStorage on every change. */
export class SettingsStore {
  spec: ModelSpec = $state() as ModelSpec;
  data: DataSettings = $state() as DataSettings;
  theme: Theme = $state('light');
  backend: BackendChoice = $state('auto');
  /** False until the user picks a backend: then it follows the engine's (see useEngineBackend). */
  backendChosen = $state(false);
  view: ViewName = $state('designer');
  logScale = $state(false);
  lastDataset: DatasetRef | null = $state(null);
  lastRunId: string | null = $state(null);

  readonly #storage: Storage | null;

  constructor(storage: Storage | null, prefersDark = false) {
    this.#storage = storage;
    const loaded = parseSettings(readItem(storage), defaultSettings(prefersDark));
    this.spec = loaded.spec;
    this.data = loaded.data;
    this.theme = loaded.theme;
    this.backend = loaded.backend;
    this.backendChosen = loaded.backendChosen;
    this.view = loaded.view;
    this.logScale = loaded.logScale;
    this.lastDataset = loaded.lastDataset;
    this.lastRunId = loaded.lastRunId;
  }

  /** A plain copy of every persisted field; reading it inside an effect tracks all of them. */
  snapshot(): PersistedSettings {
    return $state.snapshot({
      spec: this.spec,
      data: this.data,
      theme: this.theme,
      backend: this.backend,
      backendChosen: this.backendChosen,
      view: this.view,
      logScale: this.logScale,
      lastDataset: this.lastDataset,
      lastRunId: this.lastRunId,
    }) as PersistedSettings;
  }

  save(): void {
    const json = JSON.stringify(this.snapshot());
    try {
      this.#storage?.setItem(SETTINGS_KEY, json);
    } catch {
      // A full or disabled storage must not break the app: settings then last for this session.
    }
  }

  useSpec(spec: ModelSpec): void {
    this.spec = cloneSpec(spec);
  }

  /** The user's pick in the backend selector: kept from now on, over the engine's. */
  chooseBackend(backend: BackendChoice): void {
    this.backend = backend;
    this.backendChosen = true;
  }

  /** What the engine reports in use becomes the choice, unless the user picked one. */
  useEngineBackend(inUse: Exclude<BackendChoice, 'auto'>): void {
    if (!this.backendChosen) this.backend = inUse;
  }

  toggleTheme(): void {
    this.theme = this.theme === 'dark' ? 'light' : 'dark';
  }
}

function readItem(storage: Storage | null): string | null {
  try {
    return storage?.getItem(SETTINGS_KEY) ?? null;
  } catch {
    return null;
  }
}
