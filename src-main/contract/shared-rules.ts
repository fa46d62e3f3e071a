/**
 * Pure engine rules the renderer must apply exactly as the engine does: the presets it offers, the
 * split it draws on the preview, the frequency a user picks by hand. Re-exported here (the renderer
 * sees only the contract) so there is one source of truth instead of copies. Each module named
 * below is plain TypeScript (zod at most): no node, DOM or TensorFlow.js.
 */
export { DEFAULT_FORECAST_SPEC, TUTORIAL_SINE_SPEC } from '../engine/model/model-spec';
export { makeFrequency } from '../engine/data/csv/frequency-units';
export { splitRows, type SplitBounds } from '../engine/data/series/split-rows';
