import type { TrainingPathInfo } from '../fused/choose-training-path';

/** What the training loop reports while it runs (throttled) and keeps as history (each evaluation). */
export interface TrainProgress {
  step: number;
  totalSteps: number;
  /** 1-based epoch the step belongs to. */
  epoch: number;
  totalEpochs: number;
  /** Mean training loss over the steps since the previous report, in model space. */
  loss: number;
  /** Latest validation loss, null before the first evaluation or without validation rows. */
  valLoss: number | null;
  samplesPerSecond: number;
  elapsedSeconds: number;
  etaSeconds: number;
  /**
   * When several candidates are trained one after the other as one bar (steps and ETA over all of
   * them): which one this is and what it predicts.
   */
  candidate?: { index: number; count: number; transform: string };
}

export interface HistoryPoint {
  step: number;
  epoch: number;
  loss: number;
  valLoss: number | null;
}

export type TrainStatus = 'completed' | 'early-stopped' | 'cancelled' | 'nan';

export interface TrainOutcome {
  status: TrainStatus;
  /** A sentence for the user: what happened and, for a NaN stop, what to change. */
  message: string;
  steps: number;
  epochs: number;
  seconds: number;
  finalLoss: number | null;
  bestValLoss: number | null;
  /** Step whose weights the model holds at the end (the best one after early stopping). */
  restoredStep: number | null;
  history: HistoryPoint[];
  /** Which implementation ran the training steps, and why (always set by runTrainLoop). */
  trainingPath?: TrainingPathInfo;
}
