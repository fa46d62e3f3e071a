import { autoArima } from './auto-arima';
import { arimaLabel, type ArimaFit, type ArimaOrder } from './arima-model';
import { arimaForecast, arimaOneStep } from './arima-path';

/**
 * AutoARIMA as a baseline beside the network, scored as R's `stat-anchors.R` scores it: the model
 * is chosen and fitted on the rows before the test part (the network's training and validation
 * rows), then applied to the test rows without re-estimation, so each test forecast is one step
 * ahead from the actual values before it. The closed-loop forecast starts at the first test row
 * and feeds its own forecasts back, as the Forecast view's closed-loop panel does for the model.
 */
export interface AutoArimaBaseline {
  /** R's label, e.g. `ARIMA(0,1,1)(0,1,1)[12]`. */
  model: string;
  order: ArimaOrder;
  coefficients: {
    ar: number[];
    ma: number[];
    seasonalAr: number[];
    seasonalMa: number[];
    mean: number;
  };
  aicc: number;
  modelsTried: number;
  /** One-step forecasts of the test rows (length n − testStart). */
  predicted: Float64Array;
  /** Closed-loop forecasts of the test rows from the first test row, no actual fed back. */
  closedLoop: Float64Array;
  /** Closed-loop forecast past the end of the data (`horizon` rows; actuals all fed in). */
  future: Float64Array;
  seconds: number;
}

export type AutoArimaOutcome =
  { ok: true; baseline: AutoArimaBaseline } | { ok: false; reason: string };

export function fitAutoArimaBaseline(
  values: ArrayLike<number>,
  testStart: number,
  season: number,
  horizon = 0,
  /** The model AutoARIMA chose on these same rows already (the `arima` transform's), if any. */
  known: { fit: ArimaFit; modelsTried: number } | null = null,
): AutoArimaOutcome {
  const started = performance.now();
  const training = Array.from({ length: testStart }, (_, t) => values[t]!);
  if (!training.every(Number.isFinite)) {
    return { ok: false, reason: 'AutoARIMA needs a value in every training row' };
  }
  try {
    const { fit, modelsTried } = known ?? autoArima(training, season);
    const closedLoop = arimaForecast(fit, training, values.length - testStart);
    return {
      ok: true,
      baseline: {
        model: arimaLabel(fit.order),
        order: fit.order,
        coefficients: {
          ar: fit.ar,
          ma: fit.ma,
          seasonalAr: fit.seasonalAr,
          seasonalMa: fit.seasonalMa,
          mean: fit.mean,
        },
        aicc: fit.aicc,
        modelsTried,
        predicted: arimaOneStep(fit, values, testStart),
        closedLoop,
        future: horizon > 0 ? arimaForecast(fit, values, horizon) : new Float64Array(0),
        seconds: (performance.now() - started) / 1000,
      },
    };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
