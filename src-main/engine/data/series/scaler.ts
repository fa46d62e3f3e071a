import { EngineError } from '../../util/engine-error';

/**
 * Affine scaling x' = (x - center) / scale, fitted on the training rows only so that nothing about
 * the validation or test rows leaks into the model. Every reported number is inverted back.
 */
export type ScalingKind = 'zscore' | 'minmax';

export interface Scaler {
  kind: ScalingKind;
  center: number;
  scale: number;
}

/** Fit on values[from, to), ignoring non-finite entries (e.g. the undefined first difference). */
export function fitScaler(
  values: ArrayLike<number>,
  from: number,
  to: number,
  kind: ScalingKind,
): Scaler {
  let count = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (!Number.isFinite(v)) continue;
    count++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (count === 0) {
    throw new EngineError(
      'DATA_TOO_SHORT',
      'the training part has no finite values to fit a scaler on',
    );
  }
  if (kind === 'minmax') {
    const range = max - min;
    return { kind, center: min, scale: range > 0 ? range : 1 };
  }
  const mean = sum / count;
  let squares = 0;
  for (let i = from; i < to; i++) {
    const v = values[i]!;
    if (Number.isFinite(v)) squares += (v - mean) ** 2;
  }
  const std = Math.sqrt(squares / count);
  // A constant column carries no information; scale 1 keeps it finite instead of dividing by 0.
  return { kind, center: mean, scale: std > 0 ? std : 1 };
}

export function scaleValue(scaler: Scaler, value: number): number {
  return (value - scaler.center) / scaler.scale;
}

export function unscaleValue(scaler: Scaler, value: number): number {
  return value * scaler.scale + scaler.center;
}
