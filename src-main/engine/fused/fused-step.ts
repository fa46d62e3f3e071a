import * as tf from '@tensorflow/tfjs';
import type { ModelSpec } from '../model/model-spec';
import type { FusedStep, PlanStep } from './fused-forward';
import type { RnnKernel } from './rnn-kernel';
import { recurrentForward, type DirectionWeights, type RecurrentForward } from './recurrent-pass';

/**
 * A whole training step of a forecaster in the kernel: recurrent layers, dropout between them,
 * the linear head, the mean squared error, its gradient, clipping by global norm and the
 * optimizer update. The model's weights live in kernel memory during training (the master copy)
 * and are written back to the model's variables by `syncToModel`, which the training loop calls
 * before anything reads them (validation, best-weights snapshots, the end of training).
 *
 * Why the whole step and not only the recurrent layers: measured on the tutorial workload, once
 * the recurrent layers ran in the kernel (~1.1 ms/step), the TF.js ops around them (dense head,
 * loss, the gradient tape, and above all the optimizer: Adagrad is ~6 ops per variable, 0.5–1.5 ms
 * per step on wasm/cpu) cost more than the recurrent network itself.
 *
 * The arithmetic is TF.js's: same loss (mean over all elements), same clipping as
 * `clipByGlobalNorm`, and the update rules of tfjs-core 4.22's sgd / adagrad (accumulators from
 * 0.1) / adam (β1 0.9, β2 0.999) / rmsprop (decay 0.9, no momentum), ε the backend's epsilon,
 * as `makeOptimizer` configures them; test/engine/fused/fused-step.test.ts checks several steps
 * against the TF.js layers path. Dropout masks come from the model's own dropout layers, so runs
 * stay seeded exactly as on the layers path.
 */
export interface FusedStepper {
  /**
   * Train on one batch (`xs` `[batch, steps, features]`, `ys` `[batch, outputs]`); returns the
   * batch's loss before the update. A non-finite loss leaves the weights untouched.
   */
  step(xs: tf.Tensor, ys: tf.Tensor): number;
  /** Write the trained weights into the model's variables. */
  syncToModel(): void;
}

interface RecurrentLayer {
  step: FusedStep;
  dropoutAfter: tf.layers.Layer | null;
  weights: DirectionWeights[];
}

interface Param {
  variable: tf.LayerVariable;
  ptr: number;
  size: number;
  /** Optimizer slots (accumulators, moments) in kernel memory. */
  slots: number[];
}

export type StepPlan =
  | {
      ok: true;
      recurrent: { step: FusedStep; dropoutAfter: tf.layers.Layer | null }[];
      dense: tf.layers.Layer;
    }
  | { ok: false; reason: string };

/**
 * The forecaster shape a whole fused step supports: recurrent layers (each but the last returning
 * sequences), at most one dropout layer after each but the last, then one linear dense layer with
 * bias on the final state.
 */
export function planFusedStep(steps: PlanStep[]): StepPlan {
  const recurrent: { step: FusedStep; dropoutAfter: tf.layers.Layer | null }[] = [];
  for (let i = 0; i < steps.length; i++) {
    const step = steps[i]!;
    const isLast = i === steps.length - 1;
    if (step.kind === 'fused') {
      if (recurrent.length === 0 && i !== 0)
        return { ok: false, reason: 'layers before the first recurrent layer' };
      recurrent.push({ step, dropoutAfter: null });
      continue;
    }
    const name = step.layer.getClassName();
    const previous = steps[i - 1];
    if (name === 'Dropout' && !isLast && previous?.kind === 'fused') {
      recurrent[recurrent.length - 1]!.dropoutAfter = step.layer;
      continue;
    }
    if (name === 'Dense' && isLast) {
      const config = step.layer.getConfig();
      if (config['activation'] !== 'linear' || config['useBias'] !== true) {
        return { ok: false, reason: 'the output layer is not linear with a bias' };
      }
      const last = recurrent[recurrent.length - 1];
      if (last === undefined || last.step.returnSequences || last.dropoutAfter !== null) {
        return { ok: false, reason: 'the output layer does not read the final recurrent state' };
      }
      if (recurrent.slice(0, -1).some((r) => !r.step.returnSequences)) {
        return { ok: false, reason: 'a stacked recurrent layer does not return sequences' };
      }
      return { ok: true, recurrent, dense: step.layer };
    }
    return { ok: false, reason: `the whole-step kernel does not run a ${name} layer there` };
  }
  return { ok: false, reason: 'the model does not end in a dense layer' };
}

type Update = (w: Float32Array, g: Float32Array, slots: Float32Array[]) => void;

/** The update rules of tfjs-core 4.22's optimizers as `makeOptimizer` configures them. */
function makeUpdate(spec: Pick<ModelSpec, 'optimizer' | 'learningRate'>): {
  slots: number;
  init: number;
  update: Update;
  afterStep: () => void;
} {
  const lr = spec.learningRate;
  const eps = tf.backend().epsilon();
  const none = (): void => {};
  switch (spec.optimizer) {
    case 'sgd':
      return {
        slots: 0,
        init: 0,
        update: (w, g) => {
          for (let i = 0; i < w.length; i++) w[i] = w[i]! - lr * g[i]!;
        },
        afterStep: none,
      };
    case 'adagrad':
      return {
        slots: 1,
        init: 0.1,
        update: (w, g, [acc]) => {
          for (let i = 0; i < w.length; i++) {
            const a = (acc![i] = acc![i]! + g[i]! * g[i]!);
            w[i] = w[i]! - (lr * g[i]!) / Math.sqrt(a + eps);
          }
        },
        afterStep: none,
      };
    case 'adam': {
      const beta1 = 0.9;
      const beta2 = 0.999;
      let accBeta1 = Math.fround(beta1);
      let accBeta2 = Math.fround(beta2);
      return {
        slots: 2,
        init: 0,
        update: (w, g, [m, v]) => {
          const c1 = 1 - accBeta1;
          const c2 = 1 - accBeta2;
          for (let i = 0; i < w.length; i++) {
            const mi = (m![i] = beta1 * m![i]! + (1 - beta1) * g[i]!);
            const vi = (v![i] = beta2 * v![i]! + (1 - beta2) * g[i]! * g[i]!);
            w[i] = w[i]! - (lr * (mi / c1)) / (Math.sqrt(vi / c2) + eps);
          }
        },
        afterStep: () => {
          accBeta1 = Math.fround(accBeta1 * beta1);
          accBeta2 = Math.fround(accBeta2 * beta2);
        },
      };
    }
    case 'rmsprop': {
      const decay = 0.9;
      return {
        slots: 2,
        init: 0,
        update: (w, g, [ms, mom]) => {
          for (let i = 0; i < w.length; i++) {
            const s = (ms![i] = decay * ms![i]! + (1 - decay) * g[i]! * g[i]!);
            const step = (mom![i] = (lr * g[i]!) / Math.sqrt(s + eps));
            w[i] = w[i]! - step;
          }
        },
        afterStep: none,
      };
    }
  }
}

/**
 * A stepper for a planned forecaster on its own kernel instance. The weights are copied into the
 * kernel now: the model must not be changed by anything else until `syncToModel`.
 */
export function makeFusedStepper(
  kernel: RnnKernel,
  plan: Extract<StepPlan, { ok: true }>,
  spec: Pick<ModelSpec, 'optimizer' | 'learningRate' | 'clipNorm'>,
): FusedStepper {
  const optimizer = makeUpdate(spec);
  const params: Param[] = [];
  const addParam = (variable: tf.LayerVariable): number => {
    const values = variable.read().dataSync() as Float32Array;
    const ptr = kernel.put(values);
    const slots: number[] = [];
    for (let s = 0; s < optimizer.slots; s++) {
      const slot = kernel.alloc(values.length);
      kernel.f32(slot, values.length).fill(optimizer.init);
      slots.push(slot);
    }
    params.push({ variable, ptr, size: values.length, slots });
    return ptr;
  };
  const layers: RecurrentLayer[] = plan.recurrent.map(({ step, dropoutAfter }) => ({
    step,
    dropoutAfter,
    weights: step.directions.map(({ layer, reverse }) => {
      const [W, U, bias] = layer.trainableWeights.map(addParam);
      return { W: W!, U: U!, bias: bias!, reverse };
    }),
  }));
  const [denseKernel, denseBias] = plan.dense.trainableWeights;
  const Wd = addParam(denseKernel!);
  const bd = addParam(denseBias!);
  const outputs = denseBias!.shape[0]!;
  kernel.keep();
  const k = kernel.exports;

  const step = (xs: tf.Tensor, ys: tf.Tensor): number => {
    kernel.reset();
    const [B, T, F] = xs.shape as [number, number, number];
    let X = kernel.put(xs.dataSync() as Float32Array);
    let width = F;
    const passes: { pass: RecurrentForward; mask: number }[] = [];
    for (const layer of layers) {
      const pass = recurrentForward(kernel, layer.step, layer.weights, X, B, T, width);
      let mask = 0;
      if (layer.dropoutAfter !== null) {
        // The model's own dropout layer draws the mask (its seeded stream advances exactly as on
        // the layers path): applied to ones, dropout returns its multiplier, 0 or 1 / keep.
        const dropout = layer.dropoutAfter;
        const values = tf.tidy(
          () =>
            (
              dropout.apply(tf.ones([pass.outputSize]), { training: true }) as tf.Tensor
            ).dataSync() as Float32Array,
        );
        mask = kernel.put(values);
        const y = kernel.f32(pass.Y, pass.outputSize);
        const m = kernel.f32(mask, pass.outputSize);
        for (let i = 0; i < y.length; i++) y[i] = y[i]! * m[i]!;
      }
      passes.push({ pass, mask });
      X = pass.Y;
      width = pass.outputSize / (layer.step.returnSequences ? B * T : B);
    }

    // Linear head on the final state X [B, width] and the mean squared error.
    const n = B * outputs;
    let sum = 0;
    const P = kernel.alloc(n);
    const target = kernel.put(ys.dataSync() as Float32Array);
    const dP = kernel.alloc(n);
    k.gemmNN(B, outputs, width, X, width, Wd, outputs, P, outputs, 0);
    {
      const p = kernel.f32(P, n);
      const t = kernel.f32(target, n);
      const d = kernel.f32(dP, n);
      const b = kernel.f32(bd, outputs);
      for (let i = 0; i < n; i++) {
        const e = p[i]! + b[i % outputs]! - t[i]!;
        sum += e * e;
        d[i] = (2 * e) / n;
      }
    }
    const batchLoss = sum / n;
    if (!Number.isFinite(batchLoss)) return batchLoss;
    const grads = new Map<number, number>();
    const dWd = kernel.alloc(width * outputs);
    const dbd = kernel.alloc(outputs);
    let dH = kernel.alloc(B * width);
    k.gemmTN(width, outputs, B, X, width, dP, outputs, dWd, outputs, 0);
    k.gemmNT(B, width, outputs, dP, outputs, Wd, outputs, dH, width, 0);
    {
      const d = kernel.f32(dP, n);
      const db = kernel.f32(dbd, outputs).fill(0);
      for (let i = 0; i < n; i++) db[i % outputs] = db[i % outputs]! + d[i]!;
    }
    grads.set(Wd, dWd);
    grads.set(bd, dbd);
    for (let l = layers.length - 1; l >= 0; l--) {
      const { pass, mask } = passes[l]!;
      if (mask !== 0) {
        const d = kernel.f32(dH, pass.outputSize);
        const m = kernel.f32(mask, pass.outputSize);
        for (let i = 0; i < d.length; i++) d[i] = d[i]! * m[i]!;
      }
      const back = pass.backward(dH);
      layers[l]!.weights.forEach((w, i) => {
        const g = back.grads[i]!;
        grads.set(w.W, g.dW);
        grads.set(w.U, g.dU);
        grads.set(w.bias, g.db);
      });
      dH = back.dX;
    }

    // All allocation is done: views from here on stay valid.
    const gradViews = params.map((p) => kernel.f32(grads.get(p.ptr)!, p.size));
    if (spec.clipNorm !== null) {
      let squares = 0;
      for (const g of gradViews) for (let i = 0; i < g.length; i++) squares += g[i]! * g[i]!;
      const scale = spec.clipNorm / Math.max(Math.sqrt(squares), spec.clipNorm);
      if (scale !== 1)
        for (const g of gradViews) for (let i = 0; i < g.length; i++) g[i] = g[i]! * scale;
    }
    params.forEach((p, i) => {
      optimizer.update(
        kernel.f32(p.ptr, p.size),
        gradViews[i]!,
        p.slots.map((s) => kernel.f32(s, p.size)),
      );
    });
    optimizer.afterStep();
    return batchLoss;
  };

  const syncToModel = (): void => {
    for (const p of params) {
      const variable = p.variable.read() as tf.Variable;
      tf.tidy(() => {
        variable.assign(tf.tensor(kernel.read(p.ptr, p.size), variable.shape));
      });
    }
  };
  return { step, syncToModel };
}
