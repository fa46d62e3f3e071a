import * as tf from '@tensorflow/tfjs';
import { createRandom } from '../util/seeded-random';
import type { SeededRandom } from '../util/seeded-random';
import { recurrentLayersOf } from './recurrent-layers';

/**
 * Reproducible dropout that still draws a fresh mask every training step.
 *
 * Why not `tf.layers.dropout({ seed })`: TF.js turns a seed into a brand-new PRNG on every call
 * (tfjs-core src/ops/rand_util.ts: `new UniformRandom(..., seed)` → `seedrandom.alea(String(seed))`,
 * reached from tfjs-layers src/layers/core.ts `Dropout.call` → `K.dropout(input, rate, noiseShape,
 * this.seed)`), so a constant seed yields the SAME mask on every step: the network then learns to
 * route around one fixed set of dropped units, which is no regularisation at all. Without a seed
 * the mask comes from `Math.random`, which cannot be seeded. (Keras made the same point when
 * reviewing its reference dropout: a seed should make the op deterministic, not constant,
 * keras-team/keras#11390.) `test/engine/model/seeded-dropout.test.ts` pins the upstream behaviour.
 *
 * So this layer owns a seeded stream and passes a new seed from it to `tf.dropout` on each
 * training call: same spec seed → same sequence of masks; consecutive steps → different masks.
 *
 * Saved models must load with plain `tf.loadLayersModel`, with no custom class registered. The
 * layer therefore serialises itself as a standard `Dropout` (`getClassName`), and without its seed:
 * a loaded model that is trained further gets fresh unseeded masks rather than TF.js's constant
 * one. For that reason it is deliberately not registered under a class name of its own. At
 * inference both layers are the identity, so the saved model computes exactly what this one does.
 * Shapes: any input, output of the same shape.
 */
export class SeededDropout extends tf.layers.Layer {
  readonly rate: number;
  private readonly random: SeededRandom;

  constructor(args: { rate: number; seed: number; name: string }) {
    super({ name: args.name });
    if (!(args.rate >= 0 && args.rate < 1)) {
      throw new RangeError(`dropout rate must be in [0, 1), got ${args.rate}`);
    }
    this.rate = args.rate;
    this.random = createRandom(args.seed);
    this.supportsMasking = true;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (input === undefined) throw new RangeError(`${this.name} expects one input tensor`);
    if (kwargs['training'] !== true || this.rate === 0) return input;
    // Draw the seed outside tidy so the stream advances exactly once per training call.
    const seed = this.random.fork();
    return tf.tidy(() => tf.dropout(input, this.rate, undefined, seed));
  }

  override getClassName(): string {
    return 'Dropout';
  }

  override getConfig(): tf.serialization.ConfigDict {
    // Exactly the keys of tf.layers.Dropout, seed left out on purpose (see the class comment).
    return { ...super.getConfig(), rate: this.rate, noiseShape: null, seed: null };
  }
}

/**
 * Make TF.js's recurrent dropout (the mask on the state carried across time steps, one mask per
 * sequence batch) reproducible too. Its cells draw masks with an unseeded `K.dropout` unless a
 * `dropoutFunc` is set (tfjs-layers src/layers/recurrent.ts, `generateDropoutMask`); the cells are
 * created before we can pass one (Bidirectional rebuilds its layers from config, which drops the
 * function), so we set it on the live cells. It is not part of any config, so saved models stay
 * standard. Each cell gets its own stream derived from `seed`, in layer order.
 */
export function seedRecurrentDropout(model: tf.LayersModel, seed: number): void {
  const streams = createRandom(seed);
  for (const layer of recurrentLayersOf(model)) {
    const random = createRandom(streams.fork());
    // The cell calls dropoutFunc(ones, rate) with ones shaped like the state `[batch, units]`.
    const dropoutFunc = (ones: tf.Tensor, rate: number): tf.Tensor =>
      tf.dropout(ones, rate, undefined, random.fork());
    Reflect.set(layer.cell, 'dropoutFunc', dropoutFunc);
  }
}
