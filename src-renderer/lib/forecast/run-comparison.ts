import type { HistoryRowValue } from '../../../src-main/contract/analysis-schemas';

/** Model RMSE over persistence RMSE: below 1 the model beats "tomorrow = today". */
export function rmseRatio(row: Pick<HistoryRowValue, 'metrics' | 'persistence'>): number | null {
  const model = row.metrics?.rmse;
  const naive = row.persistence?.rmse;
  if (model === undefined || naive === undefined || !(naive > 0)) return null;
  return model / naive;
}

/** The first characters of a data hash: enough to see that two runs used the same data. */
export function shortHash(hash: string): string {
  return hash.slice(0, 8);
}

/** Per data hash, the run id with the lowest test RMSE (the best run on that data). */
export function bestRunByData(rows: readonly HistoryRowValue[]): Set<string> {
  const best = new Map<string, HistoryRowValue>();
  for (const row of rows) {
    const rmse = row.metrics?.rmse;
    if (rmse === undefined || !Number.isFinite(rmse)) continue;
    const current = best.get(row.dataHash);
    if (current === undefined || rmse < current.metrics!.rmse) best.set(row.dataHash, row);
  }
  return new Set([...best.values()].map((row) => row.runId));
}
