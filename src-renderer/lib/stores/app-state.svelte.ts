import type { Api } from '../../../src-main/contract/api';
import type { ApiError } from '../../../src-main/contract/result';
import { TUTORIAL_SINE_SPEC } from '../presets';
import type { AppInfo, ViewName } from '../types';
import { DataStore } from './data-store.svelte';
import { ImportWizard } from './import-wizard.svelte';
import { ProjectsStore } from './projects-store.svelte';
import { SettingsStore } from './settings-store.svelte';
import { SpecSummaryStore } from './spec-summary-store.svelte';
import { TrainingStore } from './training-store.svelte';

/**
 * The whole renderer state: created once in main.ts and handed to components through context
 * (lib/context.ts). Each part is its own store; this class wires them and owns the flows that
 * cross them (presets, opening a project, start-up).
 */
export class AppState {
  info: AppInfo | null = $state.raw(null);
  infoError: ApiError | null = $state.raw(null);

  readonly api: Api;
  readonly settings: SettingsStore;
  readonly summary: SpecSummaryStore;
  readonly data: DataStore;
  readonly wizard: ImportWizard;
  readonly training: TrainingStore;
  readonly projects: ProjectsStore;

  constructor(api: Api, storage: Storage | null, prefersDark = false) {
    this.api = api;
    this.settings = new SettingsStore(storage, prefersDark);
    this.summary = new SpecSummaryStore(api);
    this.data = new DataStore(api, this.settings);
    this.wizard = new ImportWizard(api);
    this.training = new TrainingStore(api);
    this.projects = new ProjectsStore(api);
  }

  /** Loads what the views need and brings back the last session's dataset and run. */
  async start(): Promise<void> {
    const info = this.api.call('app:info', {}).then((result) => {
      if (result.ok) this.info = result.value;
      else this.infoError = result.error;
    });
    await this.data.loadSamples();
    await this.data.restore(this.settings.lastDataset);
    const runId = this.settings.lastRunId;
    if (runId !== null && !(await this.training.restore(runId))) this.settings.lastRunId = null;
    void this.projects.refresh();
    await info;
  }

  go(view: ViewName): void {
    this.settings.view = view;
  }

  /** The tutorial's exact settings on the tutorial's data (the generated sine wave). */
  async applyTutorialPreset(): Promise<void> {
    this.settings.useSpec(TUTORIAL_SINE_SPEC);
    const sine = this.data.sineSample();
    if (sine !== undefined && this.data.dataset?.id !== sine.id)
      await this.data.loadSample(sine.id);
  }

  async startTraining(): Promise<void> {
    const dataset = this.data.dataset;
    if (dataset === null) return;
    const started = await this.training.start({
      datasetId: dataset.id,
      spec: $state.snapshot(this.settings.spec),
      data: $state.snapshot(this.settings.data),
      backend: this.settings.backend,
    });
    if (started) this.settings.lastRunId = this.training.runId;
  }

  async openProject(path: string): Promise<boolean> {
    const result = await this.api.call('project:open', { path });
    if (!result.ok) {
      this.projects.error = result.error;
      return false;
    }
    const { run, dataset } = result.value;
    this.data.use(dataset, { kind: 'import', id: dataset.id });
    this.settings.useSpec(run.spec);
    this.training.show(run);
    this.settings.lastRunId = run.runId;
    this.settings.view = 'forecast';
    return true;
  }
}
