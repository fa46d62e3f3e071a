import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/model-spec';
import { clipByGlobalNorm, makeOptimizer } from '../model/make-optimizer';
import { createRandom, shuffledIndices } from '../util/seeded-random';
import type { HistoryPoint, TrainOutcome, TrainProgress } from './train-progress';
import type { TrainingPath } from '../fused/choose-training-path';

/** Where the loop gets its examples from: forecasting windows or language-model sequences. */
export interface BatchSource {
  /** Examples in one epoch. */
  trainCount: number;
  /** Tensors for the training examples with these indices (0 ≤ index < trainCount). */
  trainBatch(indices: ArrayLike<number>): { xs: tf.Tensor; ys: tf.Tensor };
  /** Validation batches in order; empty when there are no validation rows. */
  valBatches(): Iterable<{ xs: tf.Tensor; ys: tf.Tensor; size: number }>;
}

export interface TrainLoopOptions {
  model: tf.LayersModel;
  spec: ModelSpec;
  source: BatchSource;
  /** Mean loss of a batch, `yPred` straight from the model. */
  lossFn: (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Scalar;
  onProgress?: (progress: TrainProgress) => void;
  /** Polled between steps; returning true stops training and keeps the current weights. */
  isCancelled?: () => boolean;
  /** Steps between validation evaluations (default: one epoch, at most totalSteps / 50). */
  evalEvery?: number;
  /** Minimum ms between progress reports (default 100). */
  progressIntervalMs?: number;
  /**
   * A time budget in seconds on top of the spec's: once a step ends past it, the loop evaluates
   * the validation loss (unless that step just did), then stops as `completed`. Unset: no limit.
   */
  maxSeconds?: number;
  /**
   * How training steps compute the forward pass and its gradient (see choose-training-path.ts);
   * default `model.apply` (tfjs layers). Validation always uses `model.apply`.
   */
  path?: TrainingPath;
  /**
   * Score the weights before the first step on the validation rows and keep them as the best so
   * far: where the untrained model is a baseline (the `arima` transform with a zero output layer
   * predicts AutoARIMA's forecast), early stopping then never ends worse on validation than it.
   */
  startFromBaseline?: boolean;
}

const now = (): number => performance.now();
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

export function totalStepsOf(spec: ModelSpec, trainCount: number): number {
  const perEpoch = Math.max(1, Math.ceil(trainCount / spec.batchSize));
  return spec.budget.kind === 'steps' ? spec.budget.steps : spec.budget.epochs * perEpoch;
}

/** Mean validation loss over all validation examples, in inference mode (no dropout). */
export function evaluateLoss(
  model: tf.LayersModel,
  source: BatchSource,
  lossFn: TrainLoopOptions['lossFn'],
): number | null {
  let sum = 0;
  let count = 0;
  for (const batch of source.valBatches()) {
    const value = tf.tidy(() =>
      lossFn(batch.ys, model.apply(batch.xs, { training: false }) as tf.Tensor),
    );
    sum += value.dataSync()[0]! * batch.size;
    count += batch.size;
    value.dispose();
    batch.xs.dispose();
    batch.ys.dispose();
  }
  return count === 0 ? null : sum / count;
}

function nanMessage(step: number, spec: ModelSpec): string {
  const clip =
    spec.clipNorm === null
      ? 'turn on gradient clipping (e.g. 1.0)'
      : `clip harder than ${spec.clipNorm}`;
  return (
    `Training stopped at step ${step}: the loss became NaN or infinite, so the weights were diverging. ` +
    `Lower the learning rate (now ${spec.learningRate}), ${clip}, or check the data for extreme values. ` +
    'The model keeps the last finite weights.'
  );
}

/**
 * The one training loop: seeded shuffles, gradient clipping, progress, cancel, early stopping with
 * best-weights restore and a NaN guard. Gradients are computed before they are applied, so a
 * non-finite loss never reaches the weights.
 */
export async function runTrainLoop(options: TrainLoopOptions): Promise<TrainOutcome> {
  const { model, spec, source, lossFn } = options;
  const perEpoch = Math.max(1, Math.ceil(source.trainCount / spec.batchSize));
  const totalSteps = totalStepsOf(spec, source.trainCount);
  const totalEpochs = totalSteps / perEpoch;
  const evalEvery =
    options.evalEvery ?? Math.max(1, Math.min(perEpoch, Math.ceil(totalSteps / 50)));
  const interval = options.progressIntervalMs ?? 100;
  const random = createRandom(spec.seed ^ 0x5eed);
  const optimizer = makeOptimizer(spec);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const forward =
    options.path?.forward ??
    ((xs: tf.Tensor, training: boolean) => model.apply(xs, { training }) as tf.Tensor);
  // A whole-step path keeps the weights in its kernel while it trains: sync them into the model
  // before anything reads the model (validation, best-weights snapshot, the end).
  const stepper = options.path?.makeStepper?.(spec) ?? null;

  const history: HistoryPoint[] = [];
  const started = now();
  let lastReport = started;
  let lastYield = started;
  let order = shuffledIndices(source.trainCount, random);
  let cursor = 0;
  let step = 0;
  // Two running means: one for throttled progress reports (timing-dependent), one for the history
  // kept at each evaluation (step-dependent only, so the same seed gives the same history).
  let lossSum = 0;
  let lossCount = 0;
  let evalLossSum = 0;
  let evalLossCount = 0;
  let lastLoss: number | null = null;
  let valLoss: number | null = null;
  let best: { loss: number; step: number; weights: tf.Tensor[] } | null = null;
  let sinceBest = 0;
  let status: TrainOutcome['status'] = 'completed';
  let message = '';

  const progress = (): TrainProgress => {
    const elapsed = (now() - started) / 1000;
    const stepsPerSecond = step / Math.max(elapsed, 1e-9);
    const etaSteps = (totalSteps - step) / Math.max(stepsPerSecond, 1e-9);
    return {
      step,
      totalSteps,
      epoch: Math.min(Math.floor((step - 1) / perEpoch) + 1, Math.ceil(totalEpochs)),
      totalEpochs,
      loss: lossCount > 0 ? lossSum / lossCount : (lastLoss ?? Number.NaN),
      valLoss,
      samplesPerSecond: stepsPerSecond * spec.batchSize,
      elapsedSeconds: elapsed,
      etaSeconds:
        options.maxSeconds === undefined
          ? etaSteps
          : Math.max(0, Math.min(etaSteps, options.maxSeconds - elapsed)),
    };
  };

  if (options.startFromBaseline === true && spec.earlyStopping !== null) {
    valLoss = evaluateLoss(model, source, lossFn);
    if (valLoss !== null) {
      best = { loss: valLoss, step: 0, weights: model.getWeights().map((w) => tf.clone(w)) };
    }
  }

  try {
    while (step < totalSteps) {
      if (options.isCancelled?.()) {
        status = 'cancelled';
        message = `Stopped at step ${step} of ${totalSteps}; the model keeps its current weights.`;
        break;
      }
      if (cursor >= order.length) {
        order = shuffledIndices(source.trainCount, random);
        cursor = 0;
      }
      const size = Math.min(spec.batchSize, order.length - cursor);
      const batch = source.trainBatch(order.subarray(cursor, cursor + size));
      cursor += size;
      let loss: number;
      if (stepper !== null) {
        // Computes, clips and applies the gradients itself; a non-finite loss applies nothing.
        loss = stepper.step(batch.xs, batch.ys);
        batch.xs.dispose();
        batch.ys.dispose();
        if (!Number.isFinite(loss)) {
          status = 'nan';
          message = nanMessage(step + 1, spec);
          break;
        }
      } else {
        const { value, grads } = tf.variableGrads(
          () => lossFn(batch.ys, forward(batch.xs, true)),
          variables,
        );
        batch.xs.dispose();
        batch.ys.dispose();
        loss = value.dataSync()[0]!;
        value.dispose();
        if (!Number.isFinite(loss)) {
          tf.dispose(grads);
          status = 'nan';
          message = nanMessage(step + 1, spec);
          break;
        }
        const applied = spec.clipNorm === null ? grads : clipByGlobalNorm(grads, spec.clipNorm);
        optimizer.applyGradients(applied);
        if (applied !== grads) tf.dispose(applied);
        tf.dispose(grads);
      }
      step++;
      lastLoss = loss;
      lossSum += loss;
      lossCount++;
      evalLossSum += loss;
      evalLossCount++;
      const outOfTime =
        options.maxSeconds !== undefined && (now() - started) / 1000 >= options.maxSeconds;

      if (step % evalEvery === 0 || step === totalSteps || outOfTime) {
        stepper?.syncToModel();
        valLoss = evaluateLoss(model, source, lossFn);
        history.push({
          step,
          epoch: Math.floor((step - 1) / perEpoch) + 1,
          loss: evalLossSum / evalLossCount,
          valLoss,
        });
        evalLossSum = 0;
        evalLossCount = 0;
        if (spec.earlyStopping !== null && valLoss !== null) {
          if (best === null || valLoss < best.loss) {
            if (best !== null) tf.dispose(best.weights);
            best = { loss: valLoss, step, weights: model.getWeights().map((w) => tf.clone(w)) };
            sinceBest = 0;
          } else if (++sinceBest >= spec.earlyStopping.patience) {
            status = 'early-stopped';
            message = `Early stopping at step ${step}: validation loss had not improved for ${sinceBest} evaluations; restored the best weights from step ${best.step}.`;
            break;
          }
        }
      }
      if (outOfTime && step < totalSteps) {
        message = `Stopped at step ${step} of ${totalSteps}: the time budget of ${options.maxSeconds} s was used up.`;
        break;
      }
      const t = now();
      if (t - lastReport >= interval || step === totalSteps) {
        options.onProgress?.(progress());
        lossSum = 0;
        lossCount = 0;
        lastReport = t;
      }
      if (t - lastYield >= 50) {
        await yieldToEventLoop();
        lastYield = now();
      }
    }
  } finally {
    optimizer.dispose();
    stepper?.syncToModel();
  }

  let restoredStep: number | null = step;
  if (best !== null) {
    // Cancel keeps the current weights and a NaN stop the last finite ones, as promised to the user;
    // only a run that ended on its own goes back to its best validation point.
    const ended = status === 'early-stopped' || status === 'completed';
    if (ended && (status === 'early-stopped' || (valLoss !== null && best.loss < valLoss))) {
      model.setWeights(best.weights);
      restoredStep = best.step;
      if (status === 'completed') {
        const restored = `restored the best weights (validation loss ${best.loss.toPrecision(4)} at step ${best.step}).`;
        // A time-budget stop already said where it stopped; otherwise say how far it went.
        message =
          message === '' ? `Trained ${step} steps; ${restored}` : `${message} Then ${restored}`;
      }
    }
    tf.dispose(best.weights);
  }
  if (status === 'completed' && message === '') message = `Trained ${step} steps.`;
  options.onProgress?.(progress());
  return {
    status,
    message,
    steps: step,
    epochs: step / perEpoch,
    seconds: (now() - started) / 1000,
    finalLoss: lastLoss,
    bestValLoss: best?.loss ?? null,
    restoredStep,
    history,
    trainingPath: {
      name: options.path?.name ?? 'tfjs-layers',
      reason: options.path?.reason ?? 'the default forward pass (model.apply)',
    },
  };
}
