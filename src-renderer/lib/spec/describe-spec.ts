import type { CellType, ModelSpec } from '../types';

export const CELL_LABELS: Record<CellType, string> = {
  simpleRNN: 'SimpleRNN',
  lstm: 'LSTM',
  gru: 'GRU',
};

/** "2 × LSTM (30, 30), bidirectional, lookback 10": one line for headers and summaries. */
export function describeSpec(spec: ModelSpec): string {
  const cell = CELL_LABELS[spec.cell] ?? spec.cell;
  const layers = `${spec.layers.length} × ${cell} (${spec.layers.join(', ')})`;
  const parts = [layers];
  if (spec.bidirectional) parts.push('bidirectional');
  parts.push(`lookback ${spec.lookback}`);
  return parts.join(', ');
}

/** "10 000 steps" or "20 epochs". */
export function describeBudget(budget: ModelSpec['budget']): string {
  return budget.kind === 'steps'
    ? `${budget.steps.toLocaleString()} steps`
    : `${budget.epochs.toLocaleString()} epoch${budget.epochs === 1 ? '' : 's'}`;
}

/**
 * Dropout acts only between stacked layers (never across time steps); with one layer there is
 * nowhere to put it, so the designer disables the field and says why.
 */
export function dropoutDisabledReason(layerCount: number): string | null {
  return layerCount < 2
    ? 'Dropout acts only between stacked layers: add a second layer to use it.'
    : null;
}
