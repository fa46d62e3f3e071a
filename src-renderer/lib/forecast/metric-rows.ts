import type { MetricsValue, RunResultValue } from '../../../src-main/contract/train-schemas';
import { CELL_LABELS } from '../spec/describe-spec';

export type MetricKey = keyof MetricsValue;

export const METRIC_COLUMNS: readonly { key: MetricKey; label: string; title: string }[] = [
  { key: 'rmse', label: 'RMSE', title: 'Root mean squared error, in the series’ units' },
  { key: 'mae', label: 'MAE', title: 'Mean absolute error, in the series’ units' },
  {
    key: 'mape',
    label: 'MAPE',
    title: 'Mean absolute percentage error (rows where the actual is 0 are skipped)',
  },
  { key: 'smape', label: 'sMAPE', title: 'Symmetric MAPE, 0–200 %' },
  {
    key: 'mase',
    label: 'MASE',
    title: 'Mean absolute scaled error: below 1 beats the in-sample naive forecast',
  },
];

export interface MetricRow {
  id: 'model' | 'persistence' | 'seasonalNaive' | 'drift' | 'autoArima';
  label: string;
  detail: string;
  metrics: MetricsValue;
}

/**
 * The model first, then the naive baselines it has to beat and AutoARIMA (when it was fitted), as
 * the metrics table lists them.
 */
export function metricRows(run: RunResultValue): MetricRow[] {
  const { persistence, seasonalNaive, drift, autoArima } = run.baselines;
  const classical: MetricRow[] = autoArima
    ? [
        {
          id: 'autoArima',
          label: 'AutoARIMA',
          detail: `${autoArima.model}, fitted before the test rows`,
          metrics: autoArima.metrics,
        },
      ]
    : [];
  return [
    {
      id: 'model',
      label: `Model (${CELL_LABELS[run.spec.cell]})`,
      detail: `${run.spec.layers.length} × ${run.spec.layers.join('/')} units`,
      metrics: run.metrics,
    },
    {
      id: 'persistence',
      label: 'Persistence',
      detail: 'tomorrow = today',
      metrics: persistence.metrics,
    },
    {
      id: 'seasonalNaive',
      label: 'Seasonal naive',
      detail: hasSeason(seasonalNaive.season)
        ? `season ${seasonalNaive.season}`
        : 'no season found: same as persistence',
      metrics: seasonalNaive.metrics,
    },
    { id: 'drift', label: 'Drift', detail: 'the average trend', metrics: drift.metrics },
    ...classical,
  ];
}

/**
 * Whether a seasonal-naive baseline has a season of its own: the engine falls back to 1 (plain
 * persistence) when the data shows none, which is no season to name.
 */
export function hasSeason(season: number | null | undefined): season is number {
  return typeof season === 'number' && season >= 2;
}

/** For each metric, the index of the lowest (best) row; null when no row has a value. */
export function bestRows(rows: readonly MetricRow[]): Record<MetricKey, number | null> {
  const best = {} as Record<MetricKey, number | null>;
  for (const { key } of METRIC_COLUMNS) {
    let index: number | null = null;
    rows.forEach((row, i) => {
      const value = row.metrics[key];
      if (value === null || !Number.isFinite(value)) return;
      const current = index === null ? null : rows[index]!.metrics[key];
      if (current === null || current === undefined || value < current) index = i;
    });
    best[key] = index;
  }
  return best;
}
