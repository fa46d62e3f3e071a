import * as tf from '@tensorflow/tfjs';
import type { CellType } from '../model/model-spec';
import { fusedRecurrentLayer, type FusedDirection } from './fused-recurrent-layer';
import { GATES } from './recurrent-pass';
import { RnnKernel } from './rnn-kernel';

/** The training-time forward pass: `xs` → the model's output, same function as `model.apply`. */
export type ForwardFn = (xs: tf.Tensor, training: boolean) => tf.Tensor;

/** A recurrent layer the kernel runs: its shape and its TF.js layer(s), one per direction. */
export interface FusedStep {
  kind: 'fused';
  cell: CellType;
  units: number;
  returnSequences: boolean;
  hardGates: boolean;
  directions: { layer: tf.RNN; reverse: boolean }[];
}

/** One link of the model's chain: a fused recurrent layer or a TF.js layer run as itself. */
export type PlanStep = { kind: 'layer'; layer: tf.layers.Layer } | FusedStep;
type Step = PlanStep;

export type FusedPlan = { ok: true; steps: Step[] } | { ok: false; reason: string };

const CELLS: Record<string, CellType> = {
  LSTMCell: 'lstm',
  GRUCell: 'gru',
  SimpleRNNCell: 'simpleRNN',
};

/**
 * Whether the fused kernel computes exactly this model, and how: the model must be a chain (one
 * input, one output, each layer fed by the one before), its recurrent layers plain
 * LSTM/GRU/SimpleRNN (tanh activation, sigmoid or hardSigmoid gates, with bias, no cell dropout or
 * recurrent dropout, not stateful, no returned state), optionally wrapped in a Bidirectional layer
 * with mergeMode 'concat'. Every other layer (dropout between recurrent layers, the dense head, an
 * embedding) runs as the TF.js layer itself, so its seeded randomness and weights stay the model's.
 * The reason says what is unsupported, for the run record.
 */
export function planFusedForward(model: tf.LayersModel): FusedPlan {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    return { ok: false, reason: 'the model has more than one input or output' };
  }
  const steps: Step[] = [];
  let previous: tf.layers.Layer | null = null;
  for (const layer of model.layers) {
    const className = layer.getClassName();
    if (className === 'InputLayer') {
      previous = layer;
      continue;
    }
    const inbound = layer.inboundNodes;
    if (
      inbound.length !== 1 ||
      inbound[0]!.inboundLayers.length !== 1 ||
      inbound[0]!.inboundLayers[0] !== previous
    ) {
      return { ok: false, reason: `layer ${layer.name} is not fed by the layer before it` };
    }
    previous = layer;
    if (layer instanceof tf.RNN) {
      const checked = checkRecurrent(layer, false);
      if (typeof checked === 'string') return { ok: false, reason: checked };
      steps.push({ kind: 'fused', ...checked, directions: [{ layer, reverse: false }] });
    } else if (className === 'Bidirectional') {
      const config = layer.getConfig();
      if (config['mergeMode'] !== 'concat') {
        return {
          ok: false,
          reason: `${layer.name} merges its directions by ${config['mergeMode']}`,
        };
      }
      const forward: unknown = Reflect.get(layer, 'forwardLayer');
      const backward: unknown = Reflect.get(layer, 'backwardLayer');
      if (!(forward instanceof tf.RNN) || !(backward instanceof tf.RNN)) {
        return { ok: false, reason: `${layer.name} wraps a layer that is not recurrent` };
      }
      const f = checkRecurrent(forward, false);
      if (typeof f === 'string') return { ok: false, reason: f };
      const b = checkRecurrent(backward, true);
      if (typeof b === 'string') return { ok: false, reason: b };
      steps.push({
        kind: 'fused',
        ...f,
        directions: [
          { layer: forward, reverse: false },
          { layer: backward, reverse: true },
        ],
      });
    } else {
      steps.push({ kind: 'layer', layer });
    }
  }
  if (!steps.some((s) => s.kind === 'fused')) {
    return { ok: false, reason: 'the model has no recurrent layer' };
  }
  return { ok: true, steps };
}

function checkRecurrent(
  layer: tf.RNN,
  goBackwards: boolean,
): Omit<FusedStep, 'kind' | 'directions'> | string {
  const cell = CELLS[layer.cell.getClassName()];
  if (cell === undefined) return `${layer.name} has an unsupported cell`;
  const lc = layer.getConfig();
  const cc = layer.cell.getConfig();
  if (lc['stateful'] === true) return `${layer.name} is stateful`;
  if (lc['returnState'] === true) return `${layer.name} returns its state`;
  if (lc['goBackwards'] !== goBackwards) return `${layer.name} runs in an unsupported direction`;
  if (cc['activation'] !== 'tanh') return `${layer.name} uses a ${cc['activation']} activation`;
  if (cc['useBias'] !== true) return `${layer.name} has no bias`;
  if (Number(cc['recurrentDropout'] ?? 0) > 0) {
    return `${layer.name} uses recurrent dropout (a mask across time steps)`;
  }
  if (Number(cc['dropout'] ?? 0) > 0) return `${layer.name} uses input dropout inside the cell`;
  const gates = cell === 'simpleRNN' ? 'sigmoid' : cc['recurrentActivation'];
  if (gates !== 'sigmoid' && gates !== 'hardSigmoid') {
    return `${layer.name} uses ${String(gates)} gates`;
  }
  const weights = layer.trainableWeights;
  const units = Number(cc['units']);
  const width = GATES[cell] * units;
  if (
    weights.length !== 3 ||
    weights[1]!.shape.join() !== [units, width].join() ||
    weights[2]!.shape.join() !== String(width)
  ) {
    return `${layer.name} has an unexpected weight layout`;
  }
  return {
    cell,
    units,
    returnSequences: lc['returnSequences'] === true,
    hardGates: gates === 'hardSigmoid',
  };
}

function directionOf(layer: tf.RNN, reverse: boolean): FusedDirection {
  // trainableWeights of an RNN layer are its cell's kernel, recurrent_kernel and bias, in order.
  const [kernel, recurrentKernel, bias] = layer.trainableWeights.map(
    (w) => w.read() as tf.Variable,
  );
  return { kernel: kernel!, recurrentKernel: recurrentKernel!, bias: bias!, reverse };
}

/**
 * The fused forward pass of a planned model, on its own kernel instance (one per training run;
 * nothing is shared between runs or threads). Reads the variables at every call, so weights set
 * with `setWeights` (early-stopping restore, loading) are always the ones used.
 */
export function makeFusedForward(steps: Step[], kernel: RnnKernel = RnnKernel.create()): ForwardFn {
  return (xs, training) => {
    kernel.reset();
    let x = xs;
    for (const step of steps) {
      if (step.kind === 'layer') {
        x = step.layer.apply(x, { training }) as tf.Tensor;
      } else {
        x = fusedRecurrentLayer(
          kernel,
          {
            cell: step.cell,
            units: step.units,
            returnSequences: step.returnSequences,
            hardGates: step.hardGates,
            directions: step.directions.map((d) => directionOf(d.layer, d.reverse)),
          },
          x,
        );
      }
    }
    return x;
  };
}
