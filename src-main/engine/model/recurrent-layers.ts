import * as tf from '@tensorflow/tfjs';

/**
 * Every recurrent layer that actually runs in a model, including the two copies inside each
 * Bidirectional wrapper. TF.js's Bidirectional rebuilds its layer argument from config into the
 * private fields `forwardLayer` / `backwardLayer` (tfjs-layers src/layers/wrappers.ts, constructor)
 * and offers no accessor, so we read them by name and check their class at run time.
 */
export function recurrentLayersOf(model: tf.LayersModel): tf.RNN[] {
  const found: tf.RNN[] = [];
  for (const layer of model.layers) {
    if (layer instanceof tf.RNN) {
      found.push(layer);
    } else if (layer.getClassName() === 'Bidirectional') {
      for (const key of ['forwardLayer', 'backwardLayer']) {
        const inner: unknown = Reflect.get(layer, key);
        if (inner instanceof tf.RNN) found.push(inner);
      }
    }
  }
  return found;
}
