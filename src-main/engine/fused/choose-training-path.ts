import * as tf from '@tensorflow/tfjs';
import { makeFusedForward, planFusedForward, type ForwardFn } from './fused-forward';
import { RnnKernel } from './rnn-kernel';
import { makeFusedStepper, planFusedStep, type FusedStepper } from './fused-step';
import type { ModelSpec } from '../model/model-spec';

/**
 * Which implementation computes the training steps. The weights are the standard TF.js layers'
 * either way (saved, loaded and used for inference as such); only the training-time forward pass
 * and its gradient differ.
 *
 * - `fused-wasm`: the whole training step (recurrent layers, dropout between them, linear head,
 *   mean squared error, clipping, optimizer) runs in the AssemblyScript/WebAssembly-SIMD kernel
 *   (kernels/rnn-kernel.ts, fused-step.ts); forecasters.
 * - `fused-wasm-layers`: each recurrent layer (all time steps, both directions, forward and BPTT)
 *   is one kernel call inside a TF.js custom-gradient op; the other layers, the loss and the
 *   optimizer stay TF.js. For models or losses the whole-step kernel does not cover.
 * - `tfjs-layers`: `model.apply`, TF.js's unrolled cells.
 */
export type TrainingPathName = 'fused-wasm' | 'fused-wasm-layers' | 'tfjs-layers';

/** `auto` takes the fused path wherever it supports the model and is expected to be faster. */
export type TrainingPathPreference = 'auto' | 'fused' | 'layers';

export interface TrainingPathInfo {
  name: TrainingPathName;
  /** Why this path, in a sentence for the run record. */
  reason: string;
}

export interface TrainingPath extends TrainingPathInfo {
  /** The training-time forward pass (differentiable: the loop takes its gradient). */
  forward: ForwardFn;
  /** Set for a whole-step path: the training loop then calls its `step` instead. */
  makeStepper?: (spec: ModelSpec) => FusedStepper;
}

export interface TrainingPathOptions {
  preference?: TrainingPathPreference;
  /** The training loss, when it is one the whole-step kernel computes. */
  loss?: 'mse';
  /** Defaults to the current TF.js backend. */
  backend?: string;
}

/** Above this many units the native backend's multi-threaded matrix products may win (unmeasured). */
const NATIVE_FUSED_MAX_UNITS = 64;

export function layersPath(model: tf.LayersModel, reason: string): TrainingPath {
  return {
    name: 'tfjs-layers',
    reason,
    forward: (xs, training) => model.apply(xs, { training }) as tf.Tensor,
  };
}

/**
 * Choose the training path for a model on the current backend.
 *
 * Why fused by default on cpu and wasm: measured with `npm run bench` on a 2-core machine, the
 * fused kernel trains the tutorial's 2 × 30 LSTM and a 2 × 128 LSTM (lookback 50, batch 64)
 * several times faster than tfjs layers on both backends (figures in docs and the bench output),
 * because it replaces ~2 000 small op dispatches per step with a few kernel calls and runs the
 * transposed backward matrix products in SIMD too. On native TensorFlow the small-op overhead is
 * also the cost for small layers, but its multi-threaded BLAS may beat the single-threaded kernel
 * for wide layers; that could not be measured here (no libtensorflow), so wide layers keep the
 * layers path there. Falls back, with the reason, when the model has something the kernel does
 * not compute (recurrent dropout, other activations, ...) or the kernel fails to load.
 */
export function chooseTrainingPath(
  model: tf.LayersModel,
  options: TrainingPathOptions = {},
): TrainingPath {
  const preference = options.preference ?? 'auto';
  const backend = options.backend ?? tf.getBackend();
  if (preference === 'layers') return layersPath(model, 'the tfjs layers path was requested');
  const plan = planFusedForward(model);
  if (!plan.ok)
    return layersPath(model, `the fused kernel does not support this model: ${plan.reason}`);
  if (preference === 'auto' && backend === 'tensorflow') {
    const widest = Math.max(...plan.steps.map((s) => (s.kind === 'fused' ? s.units : 0)));
    if (widest > NATIVE_FUSED_MAX_UNITS) {
      return layersPath(
        model,
        `native TensorFlow with layers wider than ${NATIVE_FUSED_MAX_UNITS} units: its multi-threaded matrix products are expected to be faster`,
      );
    }
  }
  let kernel: RnnKernel;
  try {
    kernel = RnnKernel.create();
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return layersPath(model, `the WebAssembly kernel did not load (${detail})`);
  }
  const why = preference === 'fused' ? 'the fused path was requested' : `on ${backend}`;
  const forward = makeFusedForward(plan.steps, kernel);
  const whole = planFusedStep(plan.steps);
  if (whole.ok && options.loss === 'mse') {
    return {
      name: 'fused-wasm',
      reason: `the whole training step runs in the WebAssembly kernel (${why})`,
      forward,
      makeStepper: (spec) => makeFusedStepper(RnnKernel.create(), whole, spec),
    };
  }
  const partial = whole.ok ? 'the loss is not mean squared error' : whole.reason;
  return {
    name: 'fused-wasm-layers',
    reason: `the recurrent layers run in the WebAssembly kernel, the rest in TF.js because ${partial} (${why})`,
    forward,
  };
}
