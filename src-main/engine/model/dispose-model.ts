import * as tf from '@tensorflow/tfjs';
import { recurrentLayersOf } from './recurrent-layers';

/**
 * Free a model and everything it holds. `model.dispose()` alone leaves behind the dropout masks
 * of recurrent layers with `dropout`/`recurrentDropout` > 0: the cells `tf.keep` them
 * (tfjs-layers src/layers/recurrent.ts, `generateDropoutMask`) and only the layer's NEXT call
 * disposes them, so after the last call they outlive the model (4 tensors per LSTM direction,
 * even after plain `predict`). We release them first.
 */
export function disposeModel(model: tf.LayersModel): void {
  for (const layer of recurrentLayersOf(model)) {
    const cell = layer.cell;
    // Typed as always present, but null until the first call and after we clear them.
    const masks: unknown[] = [cell.dropoutMask, cell.recurrentDropoutMask];
    for (const mask of masks) {
      for (const tensor of [mask].flat()) if (tensor instanceof tf.Tensor) tensor.dispose();
    }
    Reflect.set(cell, 'dropoutMask', null);
    Reflect.set(cell, 'recurrentDropoutMask', null);
  }
  model.dispose();
}
