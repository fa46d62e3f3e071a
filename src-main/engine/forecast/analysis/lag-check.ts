/**
 * The two ways an LSTM forecaster most often misleads: it is no better than persistence, or it has
 * learned to repeat the last value ("a lagged copy": its prediction for row t tracks y[t−1] more
 * closely than y[t], so the curves look good but shifted one step right).
 */
export interface LagCheck {
  /** MAE of the predictions against y[t], and against y[t−1]. */
  maeToActual: number;
  maeToPrevious: number;
  laggedCopy: boolean;
  noBetterThanPersistence: boolean;
  /** Plain warnings for the user; empty when neither applies. */
  warnings: string[];
}

export function checkLag(
  values: ArrayLike<number>,
  testStart: number,
  predicted: ArrayLike<number>,
  modelRmse: number,
  persistenceRmse: number,
): LagCheck {
  let toActual = 0;
  let toPrevious = 0;
  for (let i = 0; i < predicted.length; i++) {
    const t = testStart + i;
    toActual += Math.abs(predicted[i]! - values[t]!);
    toPrevious += Math.abs(predicted[i]! - values[t - 1]!);
  }
  const maeToActual = toActual / predicted.length;
  const maeToPrevious = toPrevious / predicted.length;
  const laggedCopy = maeToPrevious < maeToActual;
  const noBetterThanPersistence = modelRmse >= persistenceRmse;
  const warnings: string[] = [];
  if (noBetterThanPersistence) {
    warnings.push(
      `The model is no better than persistence (RMSE ${modelRmse.toPrecision(4)} vs ${persistenceRmse.toPrecision(4)} for repeating the last value): it has learned nothing useful for one-step forecasts.`,
    );
  }
  if (laggedCopy) {
    warnings.push(
      `The predictions track the previous value more closely than the actual one (MAE ${maeToPrevious.toPrecision(3)} to y[t−1] vs ${maeToActual.toPrecision(3)} to y[t]): the model is mostly a lagged copy of the series.`,
    );
  }
  return { maeToActual, maeToPrevious, laggedCopy, noBetterThanPersistence, warnings };
}
