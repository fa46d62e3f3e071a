import { EngineError } from '../../util/engine-error';
import { autoArima } from '../../forecast/classical/auto-arima';
import { arimaLabel } from '../../forecast/classical/arima-model';
import { arimaOneStep } from '../../forecast/classical/arima-path';
import type { ArimaModels } from './prepare-series';
import {
  resolveTransform,
  type TargetTransform,
  type TargetTransformChoice,
} from './target-transform';

export interface TransformChoice {
  transform: TargetTransform;
  /** The `arima` transform's models (null for the others). */
  arima: ArimaModels | null;
  /** Why, in a sentence, with the figures it was decided on (recorded in every run). */
  reason: string;
}

/**
 * What the network predicts, decided on the training rows only (`trainEnd` = the first
 * validation row). `auto` takes corrections to AutoARIMA whenever AutoARIMA can be fitted and its
 * one-step forecasts beat persistence on the training rows (mean absolute error): on the real
 * series of `npm run eval` this hybrid held within 10 % of R's auto.arima on eight of nine where
 * the network on its own lost on seven (it trains as "no correction" first, so early stopping
 * never leaves it worse on validation than AutoARIMA). Otherwise the earlier rule applies: first
 * differences for a trend, corrections to the seasonal naive forecast for a strong season, else
 * corrections to persistence (see resolveTransform).
 */
export function chooseTransform(
  choice: TargetTransformChoice,
  values: Float64Array,
  trainEnd: number,
  season: number,
  saved: ArimaModels | undefined,
): TransformChoice {
  if (choice === 'arima' && saved !== undefined) {
    return { transform: 'arima', arima: saved, reason: 'the saved AutoARIMA base' };
  }
  if (choice === 'arima' || choice === 'auto') {
    const training = values.subarray(0, trainEnd);
    let fitted: ReturnType<typeof autoArima> | null = null;
    let failure = '';
    try {
      fitted = autoArima(training, season);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
    }
    if (fitted === null && choice === 'arima') {
      throw new EngineError('DATA_TOO_SHORT', `the arima transform needs AutoARIMA: ${failure}`);
    }
    if (fitted !== null) {
      const { fit } = fitted;
      const from = fit.order.d + fit.order.season * fit.order.D + 1;
      const arimaMae = meanAbsoluteError(training, arimaOneStep(fit, training, from), from);
      const persistenceMae = meanAbsoluteError(training, training.subarray(from - 1), from);
      const label = arimaLabel(fit.order);
      const evidence = `on the ${trainEnd} training rows ${label} has one-step MAE ${arimaMae.toPrecision(4)}, persistence ${persistenceMae.toPrecision(4)}`;
      if (choice === 'arima' || arimaMae < persistenceMae) {
        return {
          transform: 'arima',
          arima: { training: fit },
          reason: `${choice === 'auto' ? 'auto: ' : ''}corrections to AutoARIMA's forecast (${evidence})`,
        };
      }
      failure = `AutoARIMA did not beat persistence (${evidence})`;
    }
    const transform = resolveTransform('auto', values, trainEnd, season);
    return { transform, arima: null, reason: `auto: ${transform}, since ${failure}` };
  }
  return { transform: choice, arima: null, reason: `${choice}, as asked` };
}

/** Mean |actual[t] − forecast[t − from]| over rows from .. actual.length − 1. */
function meanAbsoluteError(
  actual: ArrayLike<number>,
  forecast: ArrayLike<number>,
  from: number,
): number {
  let sum = 0;
  for (let t = from; t < actual.length; t++) sum += Math.abs(actual[t]! - forecast[t - from]!);
  return sum / Math.max(1, actual.length - from);
}
