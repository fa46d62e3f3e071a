import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BackendInfo } from '../engine/backend/select-backend';
import type { ForecastMetrics } from '../engine/forecast/metrics';
import type { TrainOutcome } from '../engine/train/train-progress';
import type { ModelSpec } from '../engine/model/model-spec';

/** The JSON both training commands print with --json (documented in README.md). */
export interface TrainingReport {
  command: string;
  backend: string;
  backendVersion: string;
  backendFallback: string | null;
  seconds: number;
  steps: number;
  epochs: number;
  status: TrainOutcome['status'];
  message: string;
  paramCount: number;
  rows: { train: number; val: number; test: number; testFilled?: number };
  metrics: ForecastMetrics;
  baselines: {
    persistence: ForecastMetrics;
    seasonalNaive: ForecastMetrics & { season: number };
    drift?: ForecastMetrics;
    /** Null when it could not be fitted (`autoArimaNote` says why). */
    autoArima?: AutoArimaReport | null;
  };
  spec: ModelSpec;
  outputs: Record<string, string>;
  [extra: string]: unknown;
}

/** The AutoARIMA baseline in the JSON: its chosen order and both ways of scoring it. */
export type AutoArimaReport = ForecastMetrics & {
  model: string;
  order: { p: number; d: number; q: number; P: number; D: number; Q: number; season: number };
  constant: boolean;
  closedLoop: ForecastMetrics;
  modelsTried: number;
  seconds: number;
};

/** What a command hands back to main: the --json report, its human form and the exit code. */
export interface CommandOutcome {
  report: unknown;
  text: string;
  exitCode: number;
}

/** A training command's outcome: a NaN stop exits 1. */
export function trainingOutcome(report: TrainingReport): CommandOutcome {
  return { report, text: formatReport(report), exitCode: report.status === 'nan' ? 1 : 0 };
}

export function backendFields(
  info: BackendInfo,
): Pick<TrainingReport, 'backend' | 'backendVersion' | 'backendFallback'> {
  return { backend: info.name, backendVersion: info.version, backendFallback: info.fallbackReason };
}

/** Write a file atomically: a crash mid-write never leaves a half file under the real name. */
export function writeFileAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${Date.now()}-${process.pid}.tmp`);
  writeFileSync(temp, content);
  renameSync(temp, path);
}

const fmt = (v: number | null): string => (v === null ? 'n/a' : v.toPrecision(4));

/** The human summary printed without --json. */
export function formatReport(report: TrainingReport): string {
  const m = report.metrics;
  const p = report.baselines.persistence;
  const s = report.baselines.seasonalNaive;
  const lines = [
    `${report.message}`,
    `backend ${report.backend} (${report.backendVersion}), ${report.steps} steps in ${report.seconds.toFixed(1)} s, ${report.paramCount} parameters`,
    `rows: train ${report.rows.train}, validation ${report.rows.val}, test ${report.rows.test}`,
    '',
    '                     RMSE        MAE         MAPE %      sMAPE %     MASE',
    `model                ${[m.rmse, m.mae, m.mape, m.smape, m.mase].map((v) => fmt(v).padEnd(12)).join('')}`,
    `persistence          ${[p.rmse, p.mae, p.mape, p.smape, p.mase].map((v) => fmt(v).padEnd(12)).join('')}`,
    `seasonal naive (${String(s.season).padEnd(3)}) ${[s.rmse, s.mae, s.mape, s.smape, s.mase].map((v) => fmt(v).padEnd(12)).join('')}`,
  ];
  const a = report.baselines.autoArima;
  if (a) {
    lines.push(
      `AutoARIMA            ${[a.rmse, a.mae, a.mape, a.smape, a.mase].map((v) => fmt(v).padEnd(12)).join('')}${a.model}`,
    );
  }
  for (const [name, path] of Object.entries(report.outputs)) lines.push(`${name}: ${path}`);
  return lines.join('\n');
}
