import type { Api } from '../../../src-main/contract/api';
import type { DatasetValue } from '../../../src-main/contract/data-schemas';
import type { MenuCommand } from '../../../src-main/contract/desktop-schemas';
import type { ApiError } from '../../../src-main/contract/result';
import { chartPngBase64, chartSvg } from '../export/chart-export';
import { exportFileName, type ExportSubject } from '../export/file-names';
import { saveExport, type ExportFile, type SaveOutcome } from '../export/save-file';
import { routeMenuCommand, type MenuAction } from '../menu/route-menu-command';
import { TUTORIAL_SINE_SPEC } from '../presets';
import type { AppInfo, ViewName } from '../types';
import { BacktestStore } from './backtest-store.svelte';
import { ClosedLoopStore } from './closed-loop-store.svelte';
import { DataStore } from './data-store.svelte';
import type { DatasetRef } from './persisted-settings';
import { HistoryStore } from './history-store.svelte';
import { ImportWizard } from './import-wizard.svelte';
import { ProjectsStore } from './projects-store.svelte';
import { SettingsStore } from './settings-store.svelte';
import { SpecSummaryStore } from './spec-summary-store.svelte';
import { TrainingStore } from './training-store.svelte';
import { LanguageStore } from './language-store.svelte';

/**
 * The whole renderer state: created once in main.ts and handed to components through context
 * (lib/context.ts). Each part is its own store; this class wires them and owns the flows that
 * cross them (presets, opening a project, start-up).
 */
export class AppState {
  info: AppInfo | null = $state.raw(null);
  infoError: ApiError | null = $state.raw(null);
  /** A message for the user from a menu command or an export (shown above the views). */
  notice: { kind: 'info' | 'error'; text: string } | null = $state.raw(null);

  readonly api: Api;
  readonly settings: SettingsStore;
  readonly summary: SpecSummaryStore;
  readonly data: DataStore;
  readonly wizard: ImportWizard;
  readonly training: TrainingStore;
  readonly projects: ProjectsStore;
  readonly history: HistoryStore;
  readonly closedLoop: ClosedLoopStore;
  readonly backtest: BacktestStore;
  readonly language: LanguageStore;

  readonly #unsubscribe: (() => void)[];

  constructor(api: Api, storage: Storage | null, prefersDark = false) {
    this.api = api;
    this.settings = new SettingsStore(storage, prefersDark);
    this.summary = new SpecSummaryStore(api);
    this.data = new DataStore(api, this.settings);
    this.wizard = new ImportWizard(api);
    this.training = new TrainingStore(api);
    this.projects = new ProjectsStore(api);
    this.history = new HistoryStore(api);
    this.closedLoop = new ClosedLoopStore(api);
    this.backtest = new BacktestStore(api);
    this.language = new LanguageStore(api, storage);
    this.#unsubscribe = [
      api.on('menu:command', (command) => void this.runMenuCommand(command)),
      // Every finished run joins the history table.
      api.on('train:done', () => void this.history.refresh()),
    ];
  }

  /** How files reach the user: the desktop app's save dialog, or a browser download. */
  get transport(): 'electron' | 'web' {
    return this.info?.transport ?? 'web';
  }

  /** Loads what the views need and brings back the last session's dataset and run. */
  async start(): Promise<void> {
    const info = this.api.call('app:info', {}).then((result) => {
      if (result.ok) {
        this.info = result.value;
        this.settings.useEngineBackend(result.value.backend.name);
      } else this.infoError = result.error;
    });
    await this.data.loadSamples();
    await this.data.restore(this.settings.lastDataset);
    const runId = this.settings.lastRunId;
    if (runId !== null && !(await this.training.restore(runId))) this.settings.lastRunId = null;
    void this.projects.refresh();
    void this.history.refresh();
    await info;
  }

  dispose(): void {
    this.training.dispose();
    this.backtest.dispose();
    this.language.dispose();
    for (const unsubscribe of this.#unsubscribe) unsubscribe();
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
    void this.history.refresh();
    return true;
  }

  /** Opens a saved language model in the Language view. */
  async openLanguageProject(path: string): Promise<boolean> {
    this.settings.view = 'language';
    return this.language.openProject(path);
  }

  /** Opens a project from the list as what it holds: a language model or a forecasting run. */
  async openAnyProject(project: { path: string; kind: 'forecast' | 'language' }): Promise<boolean> {
    return project.kind === 'language'
      ? this.openLanguageProject(project.path)
      : this.openProject(project.path);
  }

  /** Shows a run from the history that is still in memory, with its dataset. */
  async openRun(runId: string): Promise<boolean> {
    const result = await this.api.call('run:get', { runId });
    if (!result.ok) {
      this.history.error = result.error;
      return false;
    }
    const run = result.value;
    if (this.data.dataset?.id !== run.datasetId) {
      const dataset = await this.api.call('dataset:get', { id: run.datasetId });
      if (dataset.ok) this.data.use(dataset.value, datasetRef(dataset.value));
    }
    this.training.show(run);
    this.settings.lastRunId = run.runId;
    this.settings.view = 'forecast';
    return true;
  }

  /** The run's forecast as the engine's CSV, saved or downloaded as `<data>-forecast-<day>.csv`. */
  async exportForecastCsv(runId: string): Promise<SaveOutcome> {
    const result = await this.api.call('forecast:csv', { runId });
    if (!result.ok) return this.#reportExport({ kind: 'failed', error: result.error });
    return this.#save({
      name: exportFileName(this.data.dataset, 'forecast', 'csv'),
      format: 'csv',
      text: result.value.csv,
    });
  }

  /** A chart on screen as PNG (what is drawn) or SVG (the same option drawn as vectors). */
  async exportChart(
    element: HTMLElement,
    subject: ExportSubject,
    format: 'png' | 'svg',
  ): Promise<SaveOutcome> {
    const theme = this.settings.theme;
    const name = exportFileName(this.data.dataset, subject, format);
    let file: ExportFile;
    try {
      file =
        format === 'png'
          ? { name, format, base64: chartPngBase64(element, theme) }
          : { name, format, text: chartSvg(element, theme) };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.#reportExport({ kind: 'failed', error: { code: 'EXPORT', message } });
    }
    return this.#save(file);
  }

  /** Carries out an application-menu command (desktop only; see routeMenuCommand). */
  async runMenuCommand(command: MenuCommand): Promise<void> {
    const action = routeMenuCommand(command, {
      view: this.settings.view,
      runId: this.training.result?.runId ?? null,
      training: this.training.isActive,
      language: { runId: this.language.run?.runId ?? null, training: this.language.isTraining },
      projects: this.projects.list,
    });
    await this.#perform(action);
  }

  async #perform(action: MenuAction): Promise<void> {
    switch (action.kind) {
      case 'import-csv':
        this.settings.view = 'data';
        await this.wizard.openPath(action.path);
        return;
      case 'open-text':
        // A text corpus is for a language model: the Language view reads it by path.
        this.settings.view = 'language';
        await this.language.loadCorpus({ path: action.path });
        return;
      case 'open-project':
        await this.openProject(action.path);
        return;
      case 'open-language-project':
        await this.openLanguageProject(action.path);
        return;
      case 'save-language-project':
        this.language.savedPath = null;
        await this.language.saveProject(action.path ?? undefined);
        if (this.language.savedPath !== null) {
          this.notice = {
            kind: 'info',
            text: `Saved the language model to ${this.language.savedPath}`,
          };
          void this.projects.refresh();
        }
        return;
      case 'save-project':
        if (await this.projects.save(action.runId, action.path ?? undefined)) {
          this.notice = { kind: 'info', text: `Saved the project to ${this.projects.savedPath}` };
          void this.history.refresh();
        }
        return;
      case 'export-forecast':
        await this.exportForecastCsv(action.runId);
        return;
      case 'toggle-theme':
        this.settings.toggleTheme();
        return;
      case 'notice':
        this.notice = { kind: 'info', text: action.message };
        return;
    }
  }

  async #save(file: ExportFile): Promise<SaveOutcome> {
    return this.#reportExport(await saveExport(this.api, this.transport, file));
  }

  #reportExport(outcome: SaveOutcome): SaveOutcome {
    if (outcome.kind === 'saved') this.notice = { kind: 'info', text: `Saved ${outcome.path}` };
    if (outcome.kind === 'failed') {
      this.notice = { kind: 'error', text: `Export failed: ${outcome.error.message}` };
    }
    return outcome;
  }
}

/** How a dataset is remembered for the next session: a sample by its id, anything else by its id. */
function datasetRef(dataset: DatasetValue): DatasetRef {
  return dataset.id.startsWith('sample:')
    ? { kind: 'sample', id: dataset.id.slice('sample:'.length) }
    : { kind: 'import', id: dataset.id };
}
