import type { RunResultValue } from '../contract/train-schemas';
import type { RunRecord } from '../engine/forecast/forecaster-project';
import { historyRecordSchema, type HistoryRecord, type RunHistory } from './run-history';

/** The history row of a finished run: what ran, on what, with which data, and how well. */
export function historyRecordOf(
  run: RunResultValue,
  record: RunRecord,
  datasetName: string,
  source: HistoryRecord['source'],
): HistoryRecord {
  return {
    runId: run.runId,
    createdAt: record.createdAt,
    datasetId: run.datasetId,
    datasetName,
    dataHash: record.dataHash,
    spec: run.spec,
    seed: record.seed,
    backend: record.backend,
    versions: record.versions,
    status: record.status,
    steps: record.steps,
    seconds: record.seconds,
    metrics: record.metrics,
    persistence: run.baselines.persistence.metrics,
    autoArima:
      run.baselines.autoArima == null
        ? null
        : { model: run.baselines.autoArima.model, metrics: run.baselines.autoArima.metrics },
    source,
  };
}

/**
 * The history a project carries in its extras (`result.history`): the runs on the same data up to
 * the save. Rows that do not parse are left out; a project without a history gives none.
 */
export function savedHistory(saved: unknown): HistoryRecord[] {
  if (typeof saved !== 'object' || saved === null || !('history' in saved)) return [];
  const rows = (saved as { history: unknown }).history;
  if (!Array.isArray(rows)) return [];
  return rows.flatMap((row) => {
    const parsed = historyRecordSchema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/**
 * An opened project joins the history: the runs it carries are added (each once), its own run is
 * listed under the id it has in this session, and a project saved before histories existed still
 * gets a row for its run from its run record.
 */
export async function recordOpenedProject(
  history: RunHistory,
  opened: { run: RunResultValue; savedRunId: string | null; record: RunRecord; saved: unknown },
  datasetName: string,
): Promise<void> {
  const carried = savedHistory(opened.saved);
  await history.add(...carried);
  const { savedRunId, run } = opened;
  if (savedRunId !== null) history.alias(savedRunId, run.runId);
  const known = savedRunId !== null && (await history.find(run.runId)) !== undefined;
  if (!known) await history.add(historyRecordOf(run, opened.record, datasetName, 'project'));
}
