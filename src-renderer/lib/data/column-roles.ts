import type { CsvPreviewValue } from '../../../src-main/contract/data-schemas';

/** What the import wizard does with each column of a CSV file. */
export type ColumnRole = 'date' | 'target' | 'feature' | 'ignore';
export type ColumnInfo = Pick<CsvPreviewValue['columns'][number], 'name' | 'kind'>;
export type RoleMap = Record<string, ColumnRole>;

export const ROLE_LABELS: Record<ColumnRole, string> = {
  date: 'Date',
  target: 'Target',
  feature: 'Feature',
  ignore: 'Ignore',
};

/**
 * Roles a column can take: only a date column can be the time axis, and only a numeric column
 * can be predicted or fed to the model. Anything can be ignored.
 */
export function allowedRoles(column: ColumnInfo): ColumnRole[] {
  switch (column.kind) {
    case 'date':
      return ['date', 'ignore'];
    case 'number':
      return ['target', 'feature', 'ignore'];
    default:
      return ['ignore'];
  }
}

/**
 * A first guess: the first date column is the time axis, the first numeric column the target, and
 * other numeric columns are ignored until the user opts them in as features (an extra input the
 * model cannot forecast is a common source of surprise).
 */
export function defaultRoles(columns: readonly ColumnInfo[], preferredTarget?: string): RoleMap {
  const roles: RoleMap = {};
  const date = columns.find((c) => c.kind === 'date');
  const numeric = columns.filter((c) => c.kind === 'number');
  const target = numeric.find((c) => c.name === preferredTarget) ?? numeric[0];
  for (const column of columns) {
    roles[column.name] =
      column === date ? 'date' : column === target && target !== undefined ? 'target' : 'ignore';
  }
  return roles;
}

/**
 * Gives `name` the role `role` and keeps the rules: exactly one target and at most one date
 * column (the previous holder becomes a feature or is ignored), and a role the column's kind does
 * not allow is refused (the map comes back unchanged).
 */
export function assignRole(
  roles: RoleMap,
  columns: readonly ColumnInfo[],
  name: string,
  role: ColumnRole,
): RoleMap {
  const column = columns.find((c) => c.name === name);
  if (column === undefined || !allowedRoles(column).includes(role)) return roles;
  const next: RoleMap = { ...roles };
  if (role === 'target' || role === 'date') {
    for (const [other, otherRole] of Object.entries(next)) {
      if (other !== name && otherRole === role)
        next[other] = role === 'target' ? 'feature' : 'ignore';
    }
  }
  next[name] = role;
  return next;
}

export interface ImportSelection {
  target: string | null;
  features: string[];
  date: string | null;
}

/** What the csv:import request needs, read off the roles in column order. */
export function importSelection(roles: RoleMap, columns: readonly ColumnInfo[]): ImportSelection {
  const named = (role: ColumnRole): string[] =>
    columns
      .filter((c) => roles[c.name] === role && allowedRoles(c).includes(role))
      .map((c) => c.name);
  const target = named('target')[0] ?? null;
  const date = named('date')[0] ?? null;
  const features = named('feature').filter((name) => name !== target && name !== date);
  return { target, features, date };
}

/** Why the current roles cannot be imported yet, in words; empty when they can. */
export function roleProblems(roles: RoleMap, columns: readonly ColumnInfo[]): string[] {
  const problems: string[] = [];
  if (!columns.some((c) => c.kind === 'number')) {
    problems.push('No column holds numbers: check the delimiter and decimal mark above.');
  } else if (importSelection(roles, columns).target === null) {
    problems.push('Choose the column to forecast (role “Target”).');
  }
  return problems;
}
