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
 * A first guess: the first date column is the time axis, `preferredTarget` (see proposeTarget) or
 * else the first numeric column the target, and other numeric columns are ignored until the user
 * opts them in as features (an extra input the model cannot forecast is a common source of
 * surprise).
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
 * column (the previous holder is ignored), and a role the column's kind does
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
      // Features are opt-in: the old target is not silently fed to the model as an input.
      if (other !== name && otherRole === role) next[other] = 'ignore';
    }
  }
  next[name] = role;
  return next;
}

/** Names that say a column counts rows or names records: id, index, row, station_id, userId. */
const ID_NAME =
  /^(?:id|idx|index|row|rownum|row[ _-]?(?:id|no|number)|#|no\.?|nr|key|unnamed.*)$|[ _.-](?:id|idx|index|key)$|[a-z]Id$/i;

/** Share of exact zeros in the preview above which a column reads as intermittent (rain, counts). */
const INTERMITTENT_ZEROS = 0.25;

/**
 * The column the wizard proposes to forecast, read off the names, the file name and the preview
 * rows (`rows[i][c]` is column `c`, as in the preview). In order:
 *
 * 1. a numeric column named like the file (`co2.csv` or `co2-concentration.csv` -> `CO2`);
 * 2. the first numeric column that is neither an identifier (named id, index, row, …_id, or
 *    counting up by one) nor intermittent (a quarter or more of the previewed values are exactly
 *    0: rain, sales of a rare item): those are rarely what one means to forecast, and the
 *    intermittent ones are hard to forecast at all. seattle-weather.csv proposes temp_max, not
 *    precipitation;
 * 3. else the first numeric column that is not an identifier, else the first numeric column.
 *
 * Null when no column holds numbers.
 */
export function proposeTarget(
  columns: readonly ColumnInfo[],
  rows: readonly (readonly string[])[],
  fileName = '',
): string | null {
  const numeric = columns
    .map((column, index) => ({ column, values: rows.map((row) => (row[index] ?? '').trim()) }))
    .filter(({ column }) => column.kind === 'number');
  const notId = numeric.filter(({ column, values }) => !isIdLike(column.name, values));
  const stem = fileName.replace(/\.[^.]*$/, '');
  const fileWords = new Set(stem.split(/[^\p{L}\p{N}]+/u).map(normalise));
  fileWords.delete('');
  const pick =
    notId.find(
      ({ column }) => normalise(stem) !== '' && normalise(column.name) === normalise(stem),
    ) ??
    notId.find(({ column }) => fileWords.has(normalise(column.name))) ??
    notId.find(({ values }) => !isIntermittent(values)) ??
    notId[0] ??
    numeric[0];
  return pick?.column.name ?? null;
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
}

function isIdLike(name: string, values: readonly string[]): boolean {
  if (ID_NAME.test(name.trim())) return true;
  // A counter: whole numbers, each one more than the last (1, 2, 3… or 0, 1, 2…).
  const present = values.filter((v) => v !== '');
  if (present.length < 3 || !present.every((v) => /^[-+]?\d+$/.test(v))) return false;
  return present.every((v, i) => i === 0 || Number(v) === Number(present[i - 1]) + 1);
}

function isIntermittent(values: readonly string[]): boolean {
  const present = values.filter((v) => v !== '');
  if (present.length === 0) return false;
  const zeros = present.filter((v) => /^[-+]?0*(?:[.,]0*)?$/.test(v) && /0/.test(v)).length;
  return zeros / present.length >= INTERMITTENT_ZEROS;
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
