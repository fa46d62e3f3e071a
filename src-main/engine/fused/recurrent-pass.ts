import type { CellType } from '../model/model-spec';
import { EngineError } from '../util/engine-error';
import type { RnnKernel } from './rnn-kernel';

/** Gate blocks per cell in TF.js's fused weight matrices (LSTM i f c o, GRU z r h). */
export const GATES: Record<CellType, number> = { lstm: 4, gru: 3, simpleRNN: 1 };

/** What one recurrent layer computes, apart from its weights. */
export interface RecurrentShape {
  cell: CellType;
  units: number;
  /** Output `[batch, steps, D·units]` when true, else the final state `[batch, D·units]`. */
  returnSequences: boolean;
  /** TF.js hardSigmoid gates instead of sigmoid. */
  hardGates: boolean;
}

/** One direction's weights in kernel memory: kernel `[F, G·u]`, recurrent `[u, G·u]`, bias `[G·u]`. */
export interface DirectionWeights {
  W: number;
  U: number;
  bias: number;
  /** Run t = T−1 … 0, keeping outputs in time order (Bidirectional's backward layer). */
  reverse: boolean;
}

export interface DirectionGrads {
  dW: number;
  dU: number;
  db: number;
}

/** A forward pass's results and what its backward pass needs; valid until the arena is reset. */
export interface RecurrentForward {
  /** The layer output, `[B, T, D·u]` or `[B, D·u]`, in kernel memory. */
  Y: number;
  outputSize: number;
  backward(dY: number): { dX: number; grads: DirectionGrads[] };
}

interface Saved {
  A: number;
  HS: number;
  /** LSTM cell states / GRU r ⊙ h_prev. */
  S1: number;
  /** LSTM tanh(cell state). */
  S2: number;
}

/**
 * One recurrent layer, all its directions, on buffers in kernel memory: input X `[B, T, F]`
 * (row-major, like TF.js) → output Y, directions concatenated along the last axis as TF.js's
 * Bidirectional with mergeMode 'concat' does. The backward pass takes dY shaped like Y and returns
 * dX `[B, T, F]` and each direction's weight gradients, all in kernel memory. The backward pass
 * must run before the arena is reset (it checks).
 */
export function recurrentForward(
  kernel: RnnKernel,
  shape: RecurrentShape,
  directions: DirectionWeights[],
  X: number,
  B: number,
  T: number,
  F: number,
): RecurrentForward {
  const { cell, units: u, returnSequences: seq } = shape;
  const D = directions.length;
  const G = GATES[cell] * u;
  const hard = shape.hardGates ? 1 : 0;
  const k = kernel.exports;
  const generation = kernel.generation;
  const saved: Saved[] = directions.map(() => ({
    A: kernel.alloc(B * T * G),
    HS: kernel.alloc(B * T * u),
    S1: cell === 'simpleRNN' ? 0 : kernel.alloc(B * T * u),
    S2: cell === 'lstm' ? kernel.alloc(B * T * u) : 0,
  }));
  const mi = kernel.alloc(B * 2 * u);
  const mh = kernel.alloc(B * u);
  directions.forEach((d, i) => {
    const s = saved[i]!;
    const rev = d.reverse ? 1 : 0;
    if (cell === 'lstm') {
      k.lstmForward(B, T, F, u, rev, hard, X, d.W, d.U, d.bias, s.A, s.HS, s.S1, s.S2);
    } else if (cell === 'gru') {
      k.gruForward(B, T, F, u, rev, hard, X, d.W, d.U, d.bias, s.A, s.HS, s.S1, mi, mh);
    } else {
      k.simpleForward(B, T, F, u, rev, X, d.W, d.U, d.bias, s.A, s.HS);
    }
  });

  const outputSize = (seq ? B * T : B) * D * u;
  const Y = kernel.alloc(outputSize);
  directions.forEach((d, i) => {
    const s = saved[i]!;
    if (seq) {
      k.copyRows(B * T, u, s.HS, u, Y + i * u * 4, D * u);
    } else {
      // The final state: time 0 for a reversed direction.
      const last = d.reverse ? 0 : T - 1;
      k.copyRows(B, u, s.HS + last * u * 4, T * u, Y + i * u * 4, D * u);
    }
  });

  const backward = (dY: number): { dX: number; grads: DirectionGrads[] } => {
    if (kernel.generation !== generation) {
      throw new EngineError(
        'INTERNAL',
        'fused recurrent gradient taken after another forward pass reused its buffers',
      );
    }
    const dX = kernel.alloc(B * T * F);
    const dZ = kernel.alloc(B * T * G);
    const dh = kernel.alloc(B * u);
    const scratch = kernel.alloc(B * u);
    // A transposed recurrent or input kernel (the wider of the two), for the dh and dX products.
    const scratchT = kernel.alloc(Math.max(u, F) * G);
    const grads = directions.map(() => ({
      dW: kernel.alloc(F * G),
      dU: kernel.alloc(u * G),
      db: kernel.alloc(G),
    }));
    directions.forEach((d, i) => {
      const s = saved[i]!;
      const g = grads[i]!;
      const rev = d.reverse ? 1 : 0;
      const sq = seq ? 1 : 0;
      const dYi = dY + i * u * 4;
      const acc = i > 0 ? 1 : 0;
      if (cell === 'lstm') {
        k.lstmBackward(B, T, F, u, rev, hard, sq, X, d.W, d.U, s.A, s.HS, s.S1, s.S2, dYi, D * u,
          dZ, dh, scratch, dX, acc, g.dW, g.dU, g.db, scratchT); // prettier-ignore
      } else if (cell === 'gru') {
        k.gruBackward(B, T, F, u, rev, hard, sq, X, d.W, d.U, s.A, s.HS, s.S1, dYi, D * u,
          dZ, dh, scratch, dX, acc, g.dW, g.dU, g.db, scratchT); // prettier-ignore
      } else {
        k.simpleBackward(B, T, F, u, rev, sq, X, d.W, d.U, s.HS, dYi, D * u,
          dZ, dh, dX, acc, g.dW, g.dU, g.db, scratchT); // prettier-ignore
      }
    });
    return { dX, grads };
  };
  return { Y, outputSize, backward };
}
