import { parseArgs } from 'node:util';
import { join, resolve } from 'node:path';
import { selectBackend, type BackendChoice } from '../../engine/backend/select-backend';
import { TUTORIAL_SINE_SPEC } from '../../engine/model/model-spec';
import { runSineExperiment } from '../../engine/experiments/sine-experiment';
import { computeMetrics, naiveScale, type ForecastMetrics } from '../../engine/forecast/metrics';
import { makeSineData } from '../../engine/experiments/sine-data';
import { buildForecastChartOption } from '../../report/forecast-chart-option';
import { renderChartSvg } from '../../report/render-chart-svg';
import { backendFields, writeFileAtomic, type TrainingReport } from '../cli-output';
import { makeProgressReporter } from '../progress-reporter';
import { SPEC_FLAG_OPTIONS, specFromFlags } from '../spec-flags';
import { disposeModel } from '../../engine/model/dispose-model';
import type { TrainingPathPreference } from '../../engine/fused/choose-training-path';
import { EngineError } from '../../engine/util/engine-error';

/**
 * Baselines on the same 990 test points. Persistence ŷ[t] = y[t−1]; seasonal naive uses the sine's
 * period in rows (2π / spacing ≈ 628), looking back into the training sequence where needed.
 */
function sineBaselines(
  lookback: number,
  masScale: number,
): { persistence: ForecastMetrics; seasonalNaive: ForecastMetrics & { season: number } } {
  const data = makeSineData();
  const history = Float64Array.from([...data.train, ...data.test]);
  const offset = data.train.length;
  const actual = data.test.slice(lookback);
  const season = Math.round((2 * Math.PI) / (data.testX[1]! - data.testX[0]!));
  const persistence = actual.map((_, i) => history[offset + lookback + i - 1]!);
  const seasonal = actual.map((_, i) => history[offset + lookback + i - season]!);
  return {
    persistence: computeMetrics(actual, persistence, { masScale }),
    seasonalNaive: { season, ...computeMetrics(actual, seasonal, { masScale }) },
  };
}

function parseTrainingPath(value: string): TrainingPathPreference {
  if (value === 'auto' || value === 'fused' || value === 'layers') return value;
  throw new EngineError('INVALID_OPTIONS', `--path must be auto, fused or layers (got ${value})`);
}

export async function runSinCommand(argv: string[]): Promise<TrainingReport> {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...SPEC_FLAG_OPTIONS,
      backend: { type: 'string', default: 'auto' },
      out: { type: 'string', default: '.' },
      json: { type: 'boolean', default: false },
      /** Training implementation: auto (fused kernel where supported), fused or layers. */
      path: { type: 'string', default: 'auto' },
    },
    strict: true,
  });
  const { spec, warnings } = specFromFlags(TUTORIAL_SINE_SPEC, values);
  for (const warning of warnings) process.stderr.write(`warning: ${warning}\n`);
  const backend = await selectBackend(values.backend as BackendChoice);
  const progress = makeProgressReporter('sin');
  const trainingPath = parseTrainingPath(values.path);
  const result = await runSineExperiment({
    spec,
    trainingPath,
    onProgress: (p) => progress.update(p),
  });
  progress.done();

  const masScale = naiveScale(makeSineData().train);
  const metrics = computeMetrics(result.actual, result.predicted, { masScale });
  const chartPath = resolve(join(values.out, 'sin.svg'));
  const option = buildForecastChartOption({
    title: 'LSTM on sin(x): predicted vs real',
    subtitle: `test RMSE ${metrics.rmse.toPrecision(3)} · ${result.outcome.steps} steps · ${backend.name}`,
    times: null,
    actual: Array.from(result.actual),
    predicted: Array.from(result.predicted),
    predictedName: 'predicted',
    valueName: 'sin(x)',
  });
  writeFileAtomic(chartPath, renderChartSvg(option));
  const report: TrainingReport = {
    command: 'sin',
    ...backendFields(backend),
    trainingPath: result.outcome.trainingPath ?? null,
    seconds: result.outcome.seconds,
    steps: result.outcome.steps,
    epochs: result.outcome.epochs,
    status: result.outcome.status,
    message: `${result.outcome.message} Training path ${result.outcome.trainingPath?.name ?? 'tfjs-layers'}. Test RMSE ${metrics.rmse.toPrecision(4)} (the tutorial printed this under the name MSE).`,
    paramCount: result.model.countParams(),
    rows: { train: result.trainWindows, val: 0, test: result.actual.length },
    metrics,
    baselines: sineBaselines(spec.lookback, masScale),
    spec,
    outputs: { chart: chartPath },
  };
  disposeModel(result.model);
  return report;
}
