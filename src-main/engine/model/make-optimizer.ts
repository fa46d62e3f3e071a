import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from './model-spec';
import { EngineError } from '../util/engine-error';

/**
 * The optimizer the spec names, at the spec's learning rate, with TF.js defaults for everything
 * else (Adagrad starts its accumulators at 0.1 like TF1's AdagradOptimizer in the tutorial; Adam
 * β1 0.9, β2 0.999; RMSProp decay 0.9). Clipping is not configured here: the training loop clips
 * by global norm with `clipByGlobalNorm` before `applyGradients`, because TF.js optimizers have no
 * clipnorm option. The caller owns the optimizer and disposes it.
 */
export function makeOptimizer(spec: Pick<ModelSpec, 'optimizer' | 'learningRate'>): tf.Optimizer {
  if (!(spec.learningRate > 0) || !Number.isFinite(spec.learningRate)) {
    throw new EngineError(
      'INVALID_SPEC',
      `learning rate must be a positive number (got ${spec.learningRate})`,
    );
  }
  switch (spec.optimizer) {
    case 'sgd':
      return tf.train.sgd(spec.learningRate);
    case 'adagrad':
      return tf.train.adagrad(spec.learningRate);
    case 'adam':
      return tf.train.adam(spec.learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(spec.learningRate);
  }
}

/**
 * Scale all gradients together so their global L2 norm is at most `clipNorm`, as TF's
 * `tf.clip_by_global_norm`: g · clipNorm / max(‖g‖, clipNorm), with ‖g‖ = √(Σ over every
 * gradient of Σ g²). Scaling them together keeps the update's direction. Returns new tensors
 * (same names and shapes) made inside tf.tidy, so nothing else is left behind; the input map
 * stays owned by the caller, who disposes both. A non-finite norm yields non-finite gradients,
 * which the training loop reports as TRAIN_NAN.
 */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): tf.NamedTensorMap {
  if (!(clipNorm > 0)) {
    throw new EngineError('INVALID_SPEC', `clip norm must be > 0 (got ${clipNorm})`);
  }
  const names = Object.keys(grads);
  return tf.tidy(() => {
    const squares = names.map((name) => tf.sum(tf.square(tensorAt(grads, name))));
    const globalNorm = tf.sqrt(squares.length > 0 ? tf.addN(squares) : tf.scalar(0));
    // A scalar `[]`: 1 when the norm is within bounds, else clipNorm / norm.
    const scale = tf.div(clipNorm, tf.maximum(globalNorm, clipNorm));
    const clipped: tf.NamedTensorMap = {};
    for (const name of names) clipped[name] = tf.mul(tensorAt(grads, name), scale);
    return clipped;
  });
}

function tensorAt(grads: tf.NamedTensorMap, name: string): tf.Tensor {
  const tensor = grads[name];
  if (tensor === undefined) throw new EngineError('INTERNAL', `gradient ${name} vanished`);
  return tensor;
}
