/**
 * Layer names of every model we build. They are part of the saved format: weights are stored and
 * matched by `<layer>/<weight>` (e.g. `rnn_2/recurrent_kernel`, `rnn_1/forward_rnn_1/kernel` inside
 * a bidirectional layer), so a rebuilt model takes a saved model's weights by name. Never rename.
 */
export const LAYER_NAMES = {
  /** Forecaster input `[batch, lookback, features]`. */
  window: 'window',
  /** Language-model input: token ids `[batch, steps]`. */
  tokens: 'tokens',
  embedding: 'embedding',
  /** The i-th recurrent layer, 0-based index → `rnn_1`, `rnn_2`, ... */
  recurrent: (index: number): string => `rnn_${index + 1}`,
  /** Dropout after the i-th recurrent layer, before the next one. */
  dropout: (index: number): string => `dropout_${index + 1}`,
  output: 'dense_out',
} as const;
