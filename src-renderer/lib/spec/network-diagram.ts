import type { SpecSummaryValue } from '../../../src-main/contract/train-schemas';
import type { ModelSpec } from '../types';
import { CELL_LABELS } from './describe-spec';

export interface DiagramNode {
  kind: 'input' | 'recurrent' | 'dense';
  title: string;
  /** A second line: units, or the tensor shape for input and output. */
  detail: string;
  /** Output tensor shape, e.g. `[batch, 10, 30]`. */
  shape: string;
  /** Parameter count when known from the summary. */
  params: number | null;
}

export interface DiagramEdge {
  /** Dropout applied on this edge (between two recurrent layers), 0 for none. */
  dropout: number;
}

export interface NetworkDiagram {
  nodes: DiagramNode[];
  /** edges[i] joins nodes[i] and nodes[i + 1]. */
  edges: DiagramEdge[];
}

/**
 * input [lookback × features] → recurrent layers → dense(1). Parameter counts come from the
 * engine's summary (matched by position) so the diagram never computes them a second way.
 */
export function buildNetworkDiagram(
  spec: ModelSpec,
  inputFeatures: number,
  summary: SpecSummaryValue | null,
): NetworkDiagram {
  const recurrentSummary = summary?.layers.filter((layer) => layer.kind === 'recurrent') ?? [];
  const denseSummary = summary?.layers.find((layer) => layer.kind === 'dense') ?? null;
  const cell = CELL_LABELS[spec.cell] ?? String(spec.cell);
  const lookback = Number.isFinite(spec.lookback) ? spec.lookback : '?';
  const layers = Array.isArray(spec.layers) ? spec.layers : [];
  const nodes: DiagramNode[] = [
    {
      kind: 'input',
      title: 'Input',
      detail: `${lookback} steps × ${inputFeatures}`,
      shape: `[batch, ${lookback}, ${inputFeatures}]`,
      params: null,
    },
    ...layers.map((units, i): DiagramNode => {
      const width = spec.bidirectional ? 2 * units : units;
      // Every layer but the last hands the whole sequence to the next; the last keeps its final state.
      const last = i === layers.length - 1;
      return {
        kind: 'recurrent',
        title: spec.bidirectional ? `Bi-${cell}` : cell,
        detail: spec.bidirectional ? `${units} + ${units} units` : `${units} units`,
        shape: last ? `[batch, ${width}]` : `[batch, ${lookback}, ${width}]`,
        params: recurrentSummary[i]?.params ?? null,
      };
    }),
    {
      kind: 'dense',
      title: 'Dense',
      detail: '1 unit',
      shape: '[batch, 1]',
      params: denseSummary?.params ?? null,
    },
  ];
  const edges = nodes.slice(1).map((_, i): DiagramEdge => {
    const betweenRecurrent = nodes[i]!.kind === 'recurrent' && nodes[i + 1]!.kind === 'recurrent';
    return { dropout: betweenRecurrent && spec.dropout > 0 ? spec.dropout : 0 };
  });
  return { nodes, edges };
}
