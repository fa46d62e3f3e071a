import * as tf from '@tensorflow/tfjs';
import { EngineError } from '../util/engine-error';
import type { RnnKernel } from './rnn-kernel';
import { recurrentForward, type RecurrentShape } from './recurrent-pass';

/** One direction of a recurrent layer: the layer's own variables, in TF.js's layout. */
export interface FusedDirection {
  /** `[features, G·units]` */
  kernel: tf.Variable;
  /** `[units, G·units]` */
  recurrentKernel: tf.Variable;
  /** `[G·units]` */
  bias: tf.Variable;
  /** Run t = T−1 … 0 (the backward half of a Bidirectional layer, outputs kept in time order). */
  reverse: boolean;
}

export interface FusedLayerConfig extends RecurrentShape {
  /** One direction, or two (forward, backward) concatenated as Bidirectional mergeMode 'concat'. */
  directions: FusedDirection[];
}

/**
 * One recurrent layer (all its directions) as a single differentiable TF.js op: input `[batch,
 * steps, features]` → the layer's output, computed by the wasm kernel, with a custom gradient that
 * runs BPTT in the kernel and returns gradients for the input and for every direction's kernel,
 * recurrent kernel and bias. Because the op's inputs are the layer's own variables,
 * `tf.variableGrads` / `optimizer.computeGradients` over the model's weights work unchanged, and
 * the trained model is still the standard TF.js layers model.
 *
 * Its buffers live in the kernel's arena until the next `reset()`, which the caller does once per
 * model forward; the gradient must therefore be taken before the next forward pass (as every
 * training step does), and a late one fails loudly rather than reading reused memory.
 */
export function fusedRecurrentLayer(
  kernel: RnnKernel,
  config: FusedLayerConfig,
  input: tf.Tensor,
): tf.Tensor {
  const weights = config.directions.flatMap((d) => [d.kernel, d.recurrentKernel, d.bias]);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    if (x.rank !== 3) {
      throw new EngineError('INTERNAL', 'a fused recurrent layer expects [batch, steps, features]');
    }
    const [B, T, F] = x.shape as [number, number, number];
    const X = kernel.put(x.dataSync() as Float32Array);
    const directions = config.directions.map((d) => ({
      W: kernel.put(d.kernel.dataSync() as Float32Array),
      U: kernel.put(d.recurrentKernel.dataSync() as Float32Array),
      bias: kernel.put(d.bias.dataSync() as Float32Array),
      reverse: d.reverse,
    }));
    const pass = recurrentForward(kernel, config, directions, X, B, T, F);
    const D = directions.length;
    const value = tf.tensor(
      kernel.read(pass.Y, pass.outputSize),
      config.returnSequences ? [B, T, D * config.units] : [B, D * config.units],
    );
    const gradFunc = (dy: tf.Tensor): tf.Tensor[] => {
      const { dX, grads } = pass.backward(kernel.put(dy.dataSync() as Float32Array));
      const out: tf.Tensor[] = [tf.tensor(kernel.read(dX, B * T * F), [B, T, F])];
      config.directions.forEach((d, i) => {
        const g = grads[i]!;
        out.push(tf.tensor(kernel.read(g.dW, d.kernel.size), d.kernel.shape));
        out.push(tf.tensor(kernel.read(g.dU, d.recurrentKernel.size), d.recurrentKernel.shape));
        out.push(tf.tensor(kernel.read(g.db, d.bias.size), d.bias.shape));
      });
      return out;
    };
    return { value, gradFunc };
  });
  return op(input, ...weights);
}
