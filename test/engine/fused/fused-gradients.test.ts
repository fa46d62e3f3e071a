import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectBackend, type BackendName } from '../../../src-main/engine/backend/select-backend';
import { buildForecaster } from '../../../src-main/engine/model/build-model';
import { CELL_TYPES, type CellType } from '../../../src-main/engine/model/model-spec';
import { disposeModel } from '../../../src-main/engine/model/dispose-model';
import { makeFusedForward, planFusedForward } from '../../../src-main/engine/fused/fused-forward';
import { specWith } from '../model/model-test-kit';

/** Largest |a − b| relative to the largest |b| (gradients differ in scale between weights). */
function relativeError(a: tf.Tensor, b: tf.Tensor): number {
  const x = a.dataSync();
  const y = b.dataSync();
  let diff = 0;
  let scale = 1e-3;
  for (let i = 0; i < y.length; i++) {
    diff = Math.max(diff, Math.abs(x[i]! - y[i]!));
    scale = Math.max(scale, Math.abs(y[i]!));
  }
  return diff / scale;
}

/** Random weights from a seeded normal, scaled so gates are neither saturated nor linear. */
function randomizeWeights(model: tf.LayersModel, seed: number): void {
  model.setWeights(
    model.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.4, 'float32', seed + i)),
  );
}

// Small layers (5, 6 units) take the kernel's narrow code paths; 16 and 20 units (with 32 inputs
// to the second bidirectional layer) its transposed-weight products and full SIMD tiles.
const CASES = CELL_TYPES.flatMap((cell) => [
  ...[false, true].flatMap((bidirectional) =>
    [1, 2].map((depth) => ({ cell, bidirectional, layers: [5, 6].slice(0, depth) })),
  ),
  { cell, bidirectional: true, layers: [16, 20] },
]);

describe.each<BackendName>(['cpu', 'wasm'])('the fused path on %s', (backend) => {
  beforeAll(async () => {
    await selectBackend(backend);
  });

  it.each(CASES)(
    'matches tfjs layers: $cell, bidirectional $bidirectional, layers $layers',
    ({
      cell,
      bidirectional,
      layers,
    }: {
      cell: CellType;
      bidirectional: boolean;
      layers: number[];
    }) => {
      // Different unit counts per layer and a feature count that is not a multiple of 4 exercise
      // the kernel's SIMD tails.
      const spec = specWith({
        cell,
        bidirectional,
        layers,
        lookback: 4,
        dropout: 0,
      });
      const model = buildForecaster(spec, 3);
      randomizeWeights(model, 11);
      const plan = planFusedForward(model);
      expect(plan).toMatchObject({ ok: true });
      if (!plan.ok) return;
      const fused = makeFusedForward(plan.steps);
      const x = tf.randomNormal([7, 4, 3], 0, 1, 'float32', 5);
      const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);

      const gradsOf = (forward: (xs: tf.Tensor) => tf.Tensor): tf.Tensor[] =>
        tf.tidy(() => {
          // A loss that weighs every output differently, so a wrong row or column shows.
          const loss = (xs: tf.Tensor): tf.Scalar => {
            const y = forward(xs);
            return tf.sum(tf.mul(y, tf.sin(tf.range(0, y.size).reshape(y.shape)))) as tf.Scalar;
          };
          const dx = tf.grad(loss)(x);
          const { grads } = tf.variableGrads(() => loss(x), variables);
          return [forward(x), dx, ...variables.map((v) => grads[v.name]!)];
        });
      const reference = gradsOf((xs) => model.apply(xs, { training: true }) as tf.Tensor);
      const ours = gradsOf((xs) => fused(xs, true));
      const names = ['output', 'input', ...variables.map((v) => v.name)];
      reference.forEach((expected, i) => {
        expect(ours[i]!.shape, names[i]).toEqual(expected.shape);
        expect(relativeError(ours[i]!, expected), names[i]).toBeLessThan(2e-5);
      });
      tf.dispose([...reference, ...ours, x]);
      disposeModel(model);
    },
  );
});
