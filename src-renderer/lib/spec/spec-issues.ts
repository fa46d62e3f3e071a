import type { SpecSummaryValue } from '../../../src-main/contract/train-schemas';

export interface FieldIssue {
  path: string;
  message: string;
  severity: 'error' | 'warning';
}

/**
 * Paths the designer shows next to a field. An issue whose path is not here (or under one of
 * these, like `layers.1`) is listed at the top of the form so that nothing is ever hidden.
 */
export const FIELD_PATHS = [
  'cell',
  'layers',
  'bidirectional',
  'dropout',
  'recurrentDropout',
  'recurrentActivation',
  'optimizer',
  'learningRate',
  'clipNorm',
  'lookback',
  'batchSize',
  'budget',
  'earlyStopping',
  'seed',
] as const;

/**
 * zod's default wording for a cleared number input ("Invalid input: expected number, received
 * null") is not something a user can act on; say what to do instead.
 */
export function friendlyMessage(message: string): string {
  if (/expected number, received (null|undefined|NaN)/i.test(message)) return 'enter a number';
  if (/expected number/i.test(message)) return 'enter a number';
  return message;
}

export function summaryIssues(summary: SpecSummaryValue | null): FieldIssue[] {
  if (summary === null) return [];
  return [
    ...summary.errors.map((e) => ({
      path: e.path,
      message: friendlyMessage(e.message),
      severity: 'error' as const,
    })),
    ...summary.warnings.map((w) => ({
      path: w.path,
      message: friendlyMessage(w.message),
      severity: 'warning' as const,
    })),
  ];
}

/** Issues for exactly this path, or for anything below it when `nested` (e.g. `budget.steps`). */
export function issuesAt(issues: readonly FieldIssue[], path: string, nested = true): FieldIssue[] {
  return issues.filter(
    (issue) => issue.path === path || (nested && issue.path.startsWith(`${path}.`)),
  );
}

/** Issues no field claims: the whole-spec ones (empty path) and any path the form does not know. */
export function unplacedIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  return issues.filter(
    (issue) =>
      !FIELD_PATHS.some((path) => issue.path === path || issue.path.startsWith(`${path}.`)),
  );
}
