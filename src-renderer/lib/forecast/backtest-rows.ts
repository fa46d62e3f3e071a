import type {
  BacktestFoldValue,
  BacktestResultValue,
} from '../../../src-main/contract/analysis-schemas';
import type { BacktestBar } from '../charts/backtest-option';
import { formatTime } from '../format';

/** "1998-01 – 2004-03" (dates) or "rows 597 – 670" (no time axis): the rows a fold predicted. */
export function foldRowsLabel(fold: BacktestFoldValue): string {
  if (fold.startTime !== null && fold.endTime !== null) {
    return `${formatTime(fold.startTime)} – ${formatTime(fold.endTime)}`;
  }
  return `rows ${fold.testStart} – ${fold.testEnd - 1}`;
}

/** One bar pair per fold, then one for all folds together. */
export function backtestBars(result: BacktestResultValue): BacktestBar[] {
  const bars = result.folds.map((fold) => ({
    label: `Fold ${fold.fold}`,
    rmse: fold.metrics.rmse,
    persistenceRmse: fold.persistence.rmse,
  }));
  if (result.overall !== null && result.folds.length > 1) {
    bars.push({
      label: 'All',
      rmse: result.overall.metrics.rmse,
      persistenceRmse: result.overall.persistence.rmse,
    });
  }
  return bars;
}
