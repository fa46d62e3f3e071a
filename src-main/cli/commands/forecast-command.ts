import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { selectBackend, type BackendChoice } from '../../engine/backend/select-backend';
import { DEFAULT_FORECAST_SPEC } from '../../engine/model/model-spec';
import { DATE_UNITS, readCsvFile, toTimeSeries } from '../../engine/data/csv';
import { trainForecaster } from '../../engine/forecast/train-forecaster';
import {
  evaluateForecaster,
  type AutoArimaResult,
} from '../../engine/forecast/evaluate-forecaster';
import { backtestForecaster } from '../../engine/forecast/analysis/backtest';
import { forecastCsv } from '../../engine/forecast/forecast-csv';
import { EngineError } from '../../engine/util/engine-error';
import { buildForecastChartOption } from '../../report/forecast-chart-option';
import { renderChartSvg } from '../../report/render-chart-svg';
import {
  backendFields,
  writeFileAtomic,
  type AutoArimaReport,
  type TrainingReport,
} from '../cli-output';
import { makeProgressReporter } from '../progress-reporter';
import { SPEC_FLAG_OPTIONS, specFromFlags } from '../spec-flags';
import { FORECAST_USAGE } from '../cli-usage';
import { disposeModel } from '../../engine/model/dispose-model';

function positiveInt(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) {
    throw new EngineError('INVALID_OPTIONS', `--${name} must be a whole number ≥ 1 (got "${raw}")`);
  }
  return value;
}

function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
): T | undefined {
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `--${name} must be one of ${allowed.join(', ')} (got "${raw}")`,
    );
  }
  return raw as T;
}

function autoArimaReport(a: AutoArimaResult): AutoArimaReport {
  const { p, d, q, P, D, Q, season, constant } = a.order;
  return {
    ...a.metrics,
    model: a.model,
    order: { p, d, q, P, D, Q, season },
    constant,
    closedLoop: a.closedLoopMetrics,
    modelsTried: a.modelsTried,
    seconds: Math.round(a.seconds * 1000) / 1000,
  };
}

export async function runForecastCommand(argv: string[]): Promise<TrainingReport> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SPEC_FLAG_OPTIONS,
      csv: { type: 'string' },
      target: { type: 'string' },
      date: { type: 'string' },
      'date-unit': { type: 'string' },
      features: { type: 'string' },
      fill: { type: 'string' },
      transform: { type: 'string' },
      scaling: { type: 'string' },
      horizon: { type: 'string' },
      intervals: { type: 'boolean', default: false },
      'interval-level': { type: 'string' },
      backtest: { type: 'string' },
      retrain: { type: 'boolean', default: false },
      season: { type: 'string' },
      backend: { type: 'string', default: 'auto' },
      out: { type: 'string', default: '.' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.csv === undefined || values.target === undefined) {
    throw new EngineError('INVALID_OPTIONS', `--csv and --target are required\n${FORECAST_USAGE}`);
  }
  const { spec, warnings } = specFromFlags(DEFAULT_FORECAST_SPEC, values);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const horizon = positiveInt('horizon', values.horizon) ?? 0;
  const season = positiveInt('season', values.season);
  const folds = positiveInt('backtest', values.backtest);
  const level = values['interval-level'] === undefined ? 0.9 : Number(values['interval-level']);
  if (!(level > 0 && level < 1)) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `--interval-level must be between 0 and 1 (got "${values['interval-level']}")`,
    );
  }
  const fill = oneOf('fill', values.fill, ['linear', 'ffill', 'drop'] as const) ?? 'linear';
  const dateUnit = oneOf('date-unit', values['date-unit'], DATE_UNITS);
  const transform = oneOf('transform', values.transform, [
    'auto',
    'none',
    'residual',
    'seasonal',
    'difference',
    'arima',
  ] as const);
  const scaling = oneOf('scaling', values.scaling, ['zscore', 'minmax'] as const);

  const backend = await selectBackend(values.backend as BackendChoice);
  const table = await readCsvFile(resolve(values.csv));
  const features =
    values.features
      ?.split(',')
      .map((f) => f.trim())
      .filter((f) => f !== '') ?? [];
  const { series, report: importReport } = toTimeSeries(table, {
    target: values.target,
    features,
    ...(values.date === undefined ? {} : { date: values.date }),
    ...(dateUnit === undefined ? {} : { dateUnit }),
    fill,
  });
  const dataOptions = {
    ...(transform ? { transform } : {}),
    ...(scaling ? { scaling } : {}),
    ...(season === undefined ? {} : { season }),
  };
  const progress = makeProgressReporter('forecast');
  const trained = await trainForecaster(series, spec, dataOptions, {
    onProgress: (p) => progress.update(p),
  });
  progress.done();
  const evaluation = evaluateForecaster(trained.model, trained.prepared, {
    season: season ?? null,
    frequencySeason: series.frequency?.seasonPeriod ?? null,
    horizon,
    ...(values.intervals || values['interval-level'] !== undefined ? { intervals: level } : {}),
  });
  const backtest =
    folds === undefined
      ? null
      : await backtestForecaster(
          series,
          spec,
          dataOptions,
          { folds, retrain: values.retrain },
          {
            onProgress: (p) => progress.update(p),
            onFold: (k, all) => process.stderr.write(`backtest fold ${k}/${all}\n`),
          },
        );

  const out = resolve(values.out);
  const csvPath = join(out, 'forecast.csv');
  const chartPath = join(out, 'forecast.svg');
  writeFileAtomic(csvPath, forecastCsv(series, evaluation));
  const testTimes = series.times ? Array.from(series.times.subarray(evaluation.testStart)) : null;
  const b = evaluation.baselines;
  writeFileAtomic(
    chartPath,
    renderChartSvg(
      buildForecastChartOption({
        title: `${series.target.name}: one-step forecast on the test rows`,
        subtitle: `RMSE ${evaluation.metrics.rmse.toPrecision(4)} · persistence ${b.persistence.metrics.rmse.toPrecision(4)} · ${spec.cell} ${spec.layers.join('×')} · ${backend.name}`,
        times: testTimes,
        actual: Array.from(evaluation.actual),
        predicted: Array.from(evaluation.predicted),
        predictedName: 'model',
        baselines: [
          { name: 'persistence', values: Array.from(b.persistence.predicted) },
          ...(b.autoArima === null
            ? []
            : [{ name: b.autoArima.model, values: Array.from(b.autoArima.predicted) }]),
        ],
        valueName: series.target.name,
      }),
    ),
  );
  const { split } = trained.prepared;
  const report: TrainingReport = {
    command: 'forecast',
    ...backendFields(backend),
    trainingPath: trained.outcome.trainingPath ?? null,
    seconds: trained.outcome.seconds,
    steps: trained.outcome.steps,
    epochs: trained.outcome.epochs,
    status: trained.outcome.status,
    message: trained.outcome.message,
    paramCount: trained.model.countParams(),
    rows: {
      train: split.valStart,
      val: split.testStart - split.valStart,
      test: split.n - split.testStart,
      // Test rows the file did not have (filled on import): drawn but never scored.
      testFilled: evaluation.filledTestRows.length,
    },
    ...(evaluation.filledTestRows.length === 0
      ? {}
      : { filledTestRows: evaluation.filledTestRows.slice(0, 100) }),
    metrics: evaluation.metrics,
    baselines: {
      persistence: b.persistence.metrics,
      seasonalNaive: { season: b.seasonalNaive.season ?? 1, ...b.seasonalNaive.metrics },
      drift: b.drift.metrics,
      autoArima: b.autoArima === null ? null : autoArimaReport(b.autoArima),
    },
    ...(evaluation.autoArimaNote === null ? {} : { autoArimaNote: evaluation.autoArimaNote }),
    ...(evaluation.intervalsNote === null ? {} : { intervalsNote: evaluation.intervalsNote }),
    spec,
    transform: trained.prepared.transform,
    transformReason: trained.prepared.transformReason,
    frequency: series.frequency?.label ?? null,
    import: importReport,
    covariates: evaluation.covariatesNote,
    future: Array.from(evaluation.future),
    warnings: evaluation.lag.warnings,
    lag: { maeToActual: evaluation.lag.maeToActual, maeToPrevious: evaluation.lag.maeToPrevious },
    ...(evaluation.horizonErrors.length > 0 ? { errorByHorizon: evaluation.horizonErrors } : {}),
    ...(evaluation.intervals === null
      ? {}
      : {
          intervals: {
            level: evaluation.intervals.level,
            guaranteedLevel: evaluation.intervals.guaranteedLevel,
            note: evaluation.intervals.note,
            method: evaluation.intervals.method,
            calibratedOn: evaluation.intervals.calibratedOn,
            coverage: evaluation.intervals.coverage,
            halfWidths: evaluation.intervals.halfWidths,
          },
        }),
    ...(backtest === null ? {} : { backtest }),
    outputs: { csv: csvPath, chart: chartPath },
  };
  disposeModel(trained.model);
  return report;
}
