import type { Api } from '../../../src-main/contract/api';
import type { DatasetValue, SampleValue } from '../../../src-main/contract/data-schemas';
import type { ApiError } from '../../../src-main/contract/result';
import type { DatasetRef } from './persisted-settings';
import type { SettingsStore } from './settings-store.svelte';

/** The bundled samples and the dataset the models are trained on. */
export class DataStore {
  samples: SampleValue[] = $state.raw([]);
  samplesError: ApiError | null = $state.raw(null);
  /** Held raw: a long series is a large array that nothing edits in place. */
  dataset: DatasetValue | null = $state.raw(null);
  /** The sample being loaded, for a spinner on its button. */
  loadingSample: string | null = $state(null);
  error: ApiError | null = $state.raw(null);
  /** Said once after start-up when the last dataset could not be restored. */
  notice: string | null = $state(null);

  /** Target channel + one channel per feature column: the model's input width. */
  readonly inputFeatures: number = $derived(1 + (this.dataset?.features.length ?? 0));

  readonly #api: Api;
  readonly #settings: SettingsStore;

  constructor(api: Api, settings: SettingsStore) {
    this.#api = api;
    this.#settings = settings;
  }

  async loadSamples(): Promise<void> {
    const result = await this.#api.call('samples:list', {});
    if (result.ok) {
      this.samples = result.value;
      this.samplesError = null;
    } else {
      this.samplesError = result.error;
    }
  }

  async loadSample(id: string): Promise<boolean> {
    this.loadingSample = id;
    try {
      const result = await this.#api.call('samples:load', { id });
      if (!result.ok) {
        this.error = result.error;
        return false;
      }
      this.use(result.value, { kind: 'sample', id });
      return true;
    } finally {
      this.loadingSample = null;
    }
  }

  /** The sample whose id or name mentions a sine wave (the tutorial's data), if bundled. */
  sineSample(): SampleValue | undefined {
    return this.samples.find((s) => /sine/i.test(s.id) || /sine/i.test(s.name));
  }

  use(dataset: DatasetValue, ref: DatasetRef): void {
    this.dataset = dataset;
    this.error = null;
    this.#settings.lastDataset = ref;
  }

  /**
   * Brings back the dataset of the last session: a sample is simply reloaded; an imported file
   * is asked for by id, which works while the engine that imported it is still running.
   */
  async restore(ref: DatasetRef | null): Promise<void> {
    if (ref?.kind === 'sample' && (await this.loadSample(ref.id))) return;
    if (ref?.kind === 'import') {
      const result = await this.#api.call('dataset:get', { id: ref.id });
      if (result.ok) {
        this.use(result.value, ref);
        return;
      }
      this.notice = 'The file you imported last time is no longer loaded: open it again.';
    }
    const fallback = this.sineSample() ?? this.samples[0];
    if (fallback !== undefined) await this.loadSample(fallback.id);
  }
}
