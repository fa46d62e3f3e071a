import type * as tf from '@tensorflow/tfjs';
import { EngineError } from '../util/engine-error';

/**
 * Copy every weight of `target` from the weight of `source` with the same stable name and shape
 * (`rnn_1/kernel`, `dense_out/bias`, ...; see layer-names.ts). Use it to continue training a
 * model opened from a project: rebuild it from its spec (which brings the seeded dropout a saved
 * model no longer has) and take the saved weights. Both models stay usable and independent.
 * Throws INVALID_OPTIONS naming what does not match, before changing anything.
 */
export function transferWeights(source: tf.LayersModel, target: tf.LayersModel): void {
  const byName = new Map(source.weights.map((variable) => [variable.originalName, variable]));
  const problems: string[] = [];
  const pairs = target.weights.map((variable) => {
    const from = byName.get(variable.originalName);
    if (from === undefined) {
      problems.push(`${variable.originalName} is missing`);
    } else if (from.shape.join('x') !== variable.shape.join('x')) {
      problems.push(
        `${variable.originalName} has shape [${from.shape.join(', ')}], expected [${variable.shape.join(', ')}]`,
      );
    }
    return { to: variable, from };
  });
  if (problems.length > 0) {
    throw new EngineError(
      'INVALID_OPTIONS',
      `the saved weights do not fit this model: ${problems.join('; ')}`,
    );
  }
  for (const { to, from } of pairs) {
    if (from === undefined) continue;
    // Our own handle on the (reference-counted) data: disposing the source later leaves the
    // target's values in place, and training the target assigns new tensors, never in place.
    const copy = from.read().clone();
    to.write(copy);
    copy.dispose();
  }
}
