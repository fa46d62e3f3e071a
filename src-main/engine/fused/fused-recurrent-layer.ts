import * as tf from '@tensorflow/tfjs';
import type { CellType } from '../model/model-spec';
import { EngineError } from '../util/engine-error';
import type { RnnKernel } from './rnn-kernel';

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

export interface FusedLayerConfig {
  cell: CellType;
  units: number;
  /** `[batch, steps, D·units]` when true, else the final state `[batch, D·units]`. */
  returnSequences: boolean;
  /** TF.js hardSigmoid gates instead of sigmoid. */
  hardGates: boolean;
  /** One direction, or two (forward, backward) concatenated as Bidirectional mergeMode 'concat'. */
  directions: FusedDirection[];
}

export const GATES: Record<CellType, number> = { lstm: 4, gru: 3, simpleRNN: 1 };

/**
 * One recurrent layer (all its directions) as a single differentiable op: input `[batch, steps,
 * features]` → the layer's output, computed by the wasm kernel, with a custom gradient that runs
 * BPTT in the kernel and returns gradients for the input and for every direction's kernel,
 * recurrent kernel and bias. Because the op's inputs are the layer's own variables,
 * `tf.variableGrads` / `optimizer.computeGradients` over the model's weights work unchanged, and
 * the trained model is still the standard TF.js layers model.
 *
 * The forward pass's buffers live in the kernel's arena until its next `reset()`, which the
 * caller does once per model forward; the gradient must therefore be taken before the next
 * forward pass (as every training step does), and a late one fails loudly rather than reading
 * reused memory.
 */
export function fusedRecurrentLayer(
  kernel: RnnKernel,
  config: FusedLayerConfig,
  input: tf.Tensor,
): tf.Tensor {
  const weights = config.directions.flatMap((d) => [d.kernel, d.recurrentKernel, d.bias]);
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const x = args[0] as tf.Tensor;
    const { value, backward } = runForward(kernel, config, x);
    return { value, gradFunc: (dy: tf.Tensor) => backward(dy) };
  });
  return op(input, ...weights);
}

interface DirectionBuffers {
  W: number;
  U: number;
  bias: number;
  A: number;
  HS: number;
  /** LSTM cell states / GRU r ⊙ h_prev. */
  S1: number;
  /** LSTM tanh(cell state). */
  S2: number;
}

function runForward(
  kernel: RnnKernel,
  config: FusedLayerConfig,
  x: tf.Tensor,
): { value: tf.Tensor; backward: (dy: tf.Tensor) => tf.Tensor[] } {
  if (x.rank !== 3) {
    throw new EngineError('INTERNAL', `fused recurrent layer expects [batch, steps, features]`);
  }
  const [B, T, F] = x.shape as [number, number, number];
  const { cell, units: u, returnSequences: seq, directions } = config;
  const D = directions.length;
  const G = GATES[cell] * u;
  const hard = config.hardGates ? 1 : 0;
  const k = kernel.exports;
  const generation = kernel.generation;

  const X = kernel.put(x.dataSync() as Float32Array);
  const buffers: DirectionBuffers[] = directions.map((d) => ({
    W: kernel.put(d.kernel.dataSync() as Float32Array),
    U: kernel.put(d.recurrentKernel.dataSync() as Float32Array),
    bias: kernel.put(d.bias.dataSync() as Float32Array),
    A: kernel.alloc(B * T * G),
    HS: kernel.alloc(B * T * u),
    S1: cell === 'simpleRNN' ? 0 : kernel.alloc(B * T * u),
    S2: cell === 'lstm' ? kernel.alloc(B * T * u) : 0,
  }));
  const scratch1 = kernel.alloc(B * 2 * u);
  const scratch2 = kernel.alloc(B * u);
  directions.forEach((d, i) => {
    const m = buffers[i]!;
    const rev = d.reverse ? 1 : 0;
    if (cell === 'lstm') {
      k.lstmForward(B, T, F, u, rev, hard, X, m.W, m.U, m.bias, m.A, m.HS, m.S1, m.S2);
    } else if (cell === 'gru') {
      k.gruForward(B, T, F, u, rev, hard, X, m.W, m.U, m.bias, m.A, m.HS, m.S1, scratch1, scratch2);
    } else {
      k.simpleForward(B, T, F, u, rev, X, m.W, m.U, m.bias, m.A, m.HS);
    }
  });

  const outSize = (seq ? B * T : B) * D * u;
  const Y = kernel.alloc(outSize);
  directions.forEach((d, i) => {
    const m = buffers[i]!;
    if (seq) {
      k.copyRows(B * T, u, m.HS, u, Y + i * u * 4, D * u);
    } else {
      // The final state: time 0 for a reversed direction.
      const last = d.reverse ? 0 : T - 1;
      k.copyRows(B, u, m.HS + last * u * 4, T * u, Y + i * u * 4, D * u);
    }
  });
  const value = tf.tensor(kernel.read(Y, outSize), seq ? [B, T, D * u] : [B, D * u]);

  const backward = (dy: tf.Tensor): tf.Tensor[] => {
    if (kernel.generation !== generation) {
      throw new EngineError(
        'INTERNAL',
        'fused recurrent gradient taken after another forward pass reused its buffers',
      );
    }
    const dY = kernel.put(dy.dataSync() as Float32Array);
    const dX = kernel.alloc(B * T * F);
    const dZ = kernel.alloc(B * T * G);
    const dh = kernel.alloc(B * u);
    const s = kernel.alloc(B * u);
    const grads = buffers.map(() => ({
      dW: kernel.alloc(F * G),
      dU: kernel.alloc(u * G),
      db: kernel.alloc(G),
    }));
    directions.forEach((d, i) => {
      const m = buffers[i]!;
      const g = grads[i]!;
      const rev = d.reverse ? 1 : 0;
      const sq = seq ? 1 : 0;
      const dYi = dY + i * u * 4;
      const acc = i > 0 ? 1 : 0;
      if (cell === 'lstm') {
        k.lstmBackward(B, T, F, u, rev, hard, sq, X, m.W, m.U, m.A, m.HS, m.S1, m.S2, dYi, D * u,
          dZ, dh, s, dX, acc, g.dW, g.dU, g.db); // prettier-ignore
      } else if (cell === 'gru') {
        k.gruBackward(B, T, F, u, rev, hard, sq, X, m.W, m.U, m.A, m.HS, m.S1, dYi, D * u,
          dZ, dh, s, dX, acc, g.dW, g.dU, g.db); // prettier-ignore
      } else {
        k.simpleBackward(B, T, F, u, rev, sq, X, m.W, m.U, m.HS, dYi, D * u,
          dZ, dh, dX, acc, g.dW, g.dU, g.db); // prettier-ignore
      }
    });
    const out: tf.Tensor[] = [tf.tensor(kernel.read(dX, B * T * F), [B, T, F])];
    directions.forEach((d, i) => {
      const g = grads[i]!;
      out.push(tf.tensor(kernel.read(g.dW, F * G), d.kernel.shape));
      out.push(tf.tensor(kernel.read(g.dU, u * G), d.recurrentKernel.shape));
      out.push(tf.tensor(kernel.read(g.db, G), d.bias.shape));
    });
    return out;
  };
  return { value, backward };
}
