import { randomUUID } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type {
  Channel,
  EventName,
  EventOf,
  ParsedRequestOf,
  ResponseOf,
} from '../contract/api-contract';
import type { DatasetValue } from '../contract/data-schemas';
import { validateSpec } from '../engine/model/model-spec';
import { countParams, totalParams } from '../engine/model/param-count';
import { previewCsv, type ImportReport } from '../engine/data/csv';
import { timesFrom } from '../engine/data/advance-time';
import type { Frequency, TimeSeries } from '../engine/data/time-series';
import { EngineError } from '../engine/util/engine-error';
import type { WorkerHost } from '../worker/worker-host';
import { AppState } from './app-state';
import { createDesktopHandlers, type DesktopDeps } from './desktop-handlers';
import { SAMPLES, samplePath, sineValues } from './samples';
import { toRunResult } from './to-run-result';
import { createAnalysisHandlers, forecastDataOptions } from './analysis-handlers';
import { createLanguageHandlers } from './language-handlers';
import { RunHistory } from './run-history';
import { historyRecordOf, recordOpenedProject } from './history-records';
import type { RunResultValue } from '../contract/train-schemas';

export type Handlers = {
  [C in Channel]: (request: ParsedRequestOf<C>) => Promise<ResponseOf<C>>;
};

export interface HandlerDeps {
  host: WorkerHost;
  /** Folder holding samples/ (the bundled data). */
  resourcesDir: string;
  /** Where projects are saved when the user gives no path (userData/projects in the app). */
  projectsDir: string;
  transport: 'electron' | 'web';
  appVersion: string;
  /** Pushes an event to every connected renderer. */
  emit: <E extends EventName>(event: E, payload: EventOf<E>) => void;
  backend?: 'auto' | 'tensorflow' | 'wasm' | 'cpu';
  state?: AppState;
  /** Native dialogs (the Electron app only); without them the desktop channels answer errors. */
  desktop?: DesktopDeps;
  /** The run history; by default kept in `run-history.json` in the projects folder. */
  history?: RunHistory;
}

function datasetValue(
  id: string,
  name: string,
  attribution: string | null,
  series: TimeSeries,
  report: ImportReport | null,
): DatasetValue {
  return {
    id,
    name,
    attribution,
    rows: series.target.values.length,
    times: series.times === null ? null : Array.from(series.times),
    frequency: series.frequency,
    target: { name: series.target.name, values: Array.from(series.target.values) },
    features: series.features.map((f) => ({ name: f.name })),
    filledRows: report?.filledRows ?? [],
    report,
  };
}

/** Without a date column the user may give a start time and a frequency; else rows are indexed. */
function withSyntheticTimes(
  series: TimeSeries,
  start: number | null,
  frequency: Frequency | null,
): TimeSeries {
  if (series.times !== null || start === null || frequency === null) return series;
  return { ...series, times: timesFrom(start, frequency, series.target.values.length), frequency };
}

function safeName(name: string): string {
  return (
    name
      .replace(/[^\w.-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'project'
  );
}

/**
 * The one implementation of the contract, transport-free: Electron IPC and the web bridge both
 * call these after parsing the request with the contract's schema. Heavy work (CSV import,
 * training, saving) runs in the training worker; the rest is quick and runs here.
 */
export function createHandlers(deps: HandlerDeps): Handlers {
  const state = deps.state ?? new AppState();
  const backend = deps.backend ?? 'auto';
  const history =
    deps.history ?? new RunHistory({ file: join(deps.projectsDir, 'run-history.json') });

  const requireDataset = (id: string) => {
    const entry = state.datasets.get(id);
    if (entry === undefined) {
      throw new EngineError(
        'INVALID_OPTIONS',
        'that dataset is no longer loaded; load it again from the Data view',
      );
    }
    return entry;
  };

  const register = (dataset: DatasetValue, series: TimeSeries): DatasetValue => {
    state.datasets.set(dataset.id, { dataset, series });
    return dataset;
  };

  return {
    ...createDesktopHandlers(deps.desktop),
    ...createAnalysisHandlers({ host: deps.host, state, history, emit: deps.emit, backend }),
    ...createLanguageHandlers({ ...deps, state }),

    async 'app:info'() {
      const info = await deps.host.run('backend', { backend }).result;
      return {
        name: 'RNN Studio',
        version: deps.appVersion,
        backend: info,
        versions: {
          node: process.versions.node,
          ...(process.versions.electron ? { electron: process.versions.electron } : {}),
        },
        transport: deps.transport,
      };
    },

    async 'samples:list'() {
      return SAMPLES.map(({ id, name, description, attribution, target, features }) => ({
        id,
        name,
        description,
        attribution,
        target,
        features,
      }));
    },

    async 'samples:load'({ id }) {
      const sample = SAMPLES.find((s) => s.id === id);
      if (sample === undefined)
        throw new EngineError('INVALID_OPTIONS', `there is no sample "${id}"`);
      if (sample.file === null) {
        const series: TimeSeries = {
          times: null,
          frequency: null,
          target: { name: sample.target, values: sineValues() },
          features: [],
        };
        return register(
          datasetValue(`sample:${id}`, sample.name, sample.attribution, series, null),
          series,
        );
      }
      const imported = await deps.host.run(
        'import',
        {
          source: { path: samplePath(deps.resourcesDir, sample.file) },
          target: sample.target,
          features: sample.features,
          date: sample.date,
          fill: 'linear',
        },
        (progress) => deps.emit('csv:progress', progress),
      ).result;
      return register(
        datasetValue(
          `sample:${id}`,
          sample.name,
          sample.attribution,
          imported.series,
          imported.report,
        ),
        imported.series,
      );
    },

    async 'csv:preview'({ source, dialect }) {
      return previewCsv(
        'path' in source ? { path: source.path } : { text: source.text },
        dialect ?? {},
      );
    },

    async 'csv:import'(request) {
      const { source } = request;
      const imported = await deps.host.run(
        'import',
        {
          source: 'path' in source ? { path: source.path } : { text: source.text },
          ...(request.dialect ? { read: request.dialect } : {}),
          target: request.target,
          features: request.features,
          date: request.date,
          fill: request.fill,
          ...(request.dateUnit === undefined ? {} : { dateUnit: request.dateUnit }),
        },
        (progress) => deps.emit('csv:progress', progress),
      ).result;
      const series = withSyntheticTimes(
        imported.series,
        request.start ?? null,
        request.frequency ?? null,
      );
      const name =
        'path' in source ? (source.path.split(/[\\/]/).pop() ?? source.path) : source.name;
      return register(
        datasetValue(`csv:${randomUUID()}`, name, null, series, imported.report),
        series,
      );
    },

    async 'dataset:get'({ id }) {
      return requireDataset(id).dataset;
    },

    async 'spec:summarize'({ spec, inputFeatures }) {
      const checked = validateSpec(spec);
      if (!checked.ok)
        return { valid: false, errors: checked.errors, warnings: [], layers: [], totalParams: 0 };
      const layers = countParams(checked.spec, inputFeatures);
      return {
        valid: true,
        errors: [],
        warnings: checked.warnings,
        layers,
        totalParams: totalParams(layers),
      };
    },

    async 'train:start'({ datasetId, spec, data, backend: choice }) {
      if (state.active !== null || state.backtest !== null) {
        throw new EngineError(
          'BUSY',
          state.active !== null
            ? 'a training run is already in progress; stop it or wait for it to finish'
            : 'a backtest is running; stop it or wait for it to finish',
        );
      }
      const entry = requireDataset(datasetId);
      const runId = randomUUID();
      const job = deps.host.run(
        'forecast',
        {
          backend: choice,
          series: entry.series,
          spec,
          data: forecastDataOptions(data),
          evaluate: {
            season: data.season,
            frequencySeason: entry.series.frequency?.seasonPeriod ?? null,
            horizon: data.horizon,
            ...(data.intervals == null ? {} : { intervals: data.intervals }),
          },
          keepAs: runId,
        },
        (progress) => deps.emit('train:progress', { runId, progress }),
      );
      state.active = { runId, job };
      job.result.then(
        (value) => {
          const result = toRunResult(runId, datasetId, spec, entry.series, value);
          state.runs.set(runId, result);
          state.active = null;
          // A history that cannot be written must not fail the run: the session still lists it.
          history
            .add(historyRecordOf(result, value.record, entry.dataset.name, 'trained'))
            .catch(() => undefined);
          deps.emit('train:done', { runId, result });
        },
        (error: unknown) => {
          state.active = null;
          const e =
            error instanceof EngineError ? error : new EngineError('INTERNAL', String(error));
          deps.emit('train:failed', { runId, error: { code: e.code, message: e.message } });
        },
      );
      return { runId };
    },

    async 'train:stop'({ runId }) {
      if (state.active?.runId !== runId) return { stopping: false };
      state.active.job.cancel();
      return { stopping: true };
    },

    async 'run:get'({ runId }) {
      const run = state.runs.get(runId);
      if (run === undefined)
        throw new EngineError('INVALID_OPTIONS', 'that run is not finished or no longer loaded');
      return run;
    },

    async 'project:save'({ runId, path }) {
      const run = state.runs.get(runId);
      if (run === undefined)
        throw new EngineError('INVALID_OPTIONS', 'only a finished run can be saved');
      const dataset = state.datasets.get(run.datasetId)?.dataset;
      const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-');
      const dir =
        path ?? join(deps.projectsDir, `${safeName(dataset?.name ?? 'forecast')}-${stamp}`);
      // The project carries the history of every run on the same data (see recordOpenedProject).
      const dataHash = (await history.find(runId))?.dataHash;
      const runs = dataHash === undefined ? [] : await history.forData(dataHash);
      await deps.host.run('save', {
        runId,
        dir,
        result: { run, datasetName: dataset?.name ?? null, history: runs },
      }).result;
      return { path: dir };
    },

    async 'project:list'() {
      const entries = await readdir(deps.projectsDir, { withFileTypes: true }).catch(() => []);
      const projects = await Promise.all(
        entries
          .filter((e) => e.isDirectory() && !e.name.startsWith('.'))
          .map(async (e) => {
            const path = join(deps.projectsDir, e.name);
            const file = join(path, 'project.json');
            const info = await stat(file).catch(() => null);
            if (info === null) return null;
            return {
              name: e.name,
              path,
              savedAt: info.mtime.toISOString(),
              kind: await kindOf(file),
            };
          }),
      );
      return projects.filter((p) => p !== null).sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },

    async 'project:open'({ path }) {
      const runId = randomUUID();
      const opened = await deps.host.run('open', { dir: path, keepAs: runId }).result;
      const saved = opened.result as { run?: RunResultValue; datasetName?: string | null } | null;
      const datasetId = `project:${runId}`;
      const dataset = register(
        datasetValue(
          datasetId,
          saved?.datasetName ?? path.split(/[\\/]/).pop() ?? 'project',
          null,
          opened.series,
          null,
        ),
        opened.series,
      );
      const previous = saved?.run;
      const run: RunResultValue =
        previous !== undefined
          ? { ...previous, runId, datasetId }
          : toRunResult(runId, datasetId, opened.spec, opened.series, {
              backend: opened.record.backend,
              outcome: {
                status: opened.record.status,
                message: 'Opened from a project.',
                steps: opened.record.steps,
                epochs: 0,
                seconds: opened.record.seconds,
                finalLoss: null,
                bestValLoss: null,
                restoredStep: null,
                history: [],
              },
              evaluation: opened.evaluation,
              paramCount: 0,
              transform: 'none',
              split: {
                n: opened.series.target.values.length,
                valStart: 0,
                testStart: opened.evaluation.testStart,
              },
            });
      state.runs.set(runId, run);
      await recordOpenedProject(
        history,
        { run, savedRunId: previous?.runId ?? null, record: opened.record, saved: saved },
        dataset.name,
      ).catch(() => undefined);
      return { run, dataset };
    },
  };
}

/**
 * Which kind of project a project.json holds (its `extras.kind`, written by the engine's forecast
 * and language project savers), so lists can say so and open it the right way. A file that cannot
 * be read as either is listed as a forecast: project:open then reports what is wrong with it.
 */
async function kindOf(file: string): Promise<'forecast' | 'language'> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as { extras?: { kind?: unknown } };
    return parsed.extras?.kind === 'language' ? 'language' : 'forecast';
  } catch {
    return 'forecast';
  }
}
