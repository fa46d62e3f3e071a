// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  allowedRoles,
  assignRole,
  defaultRoles,
  importSelection,
  roleProblems,
  type ColumnInfo,
} from '../../src-renderer/lib/data/column-roles';

const COLUMNS: ColumnInfo[] = [
  { name: 'date', kind: 'date' },
  { name: 'co2', kind: 'number' },
  { name: 'temp', kind: 'number' },
  { name: 'station', kind: 'text' },
  { name: 'measured', kind: 'date' },
];

describe('column roles', () => {
  it('allows date only for date columns, target and feature only for numbers', () => {
    expect(allowedRoles({ name: 'd', kind: 'date' })).toEqual(['date', 'ignore']);
    expect(allowedRoles({ name: 'x', kind: 'number' })).toEqual(['target', 'feature', 'ignore']);
    expect(allowedRoles({ name: 's', kind: 'text' })).toEqual(['ignore']);
  });

  it('guesses the first date column as time and the first number as target', () => {
    expect(defaultRoles(COLUMNS)).toEqual({
      date: 'date',
      co2: 'target',
      temp: 'ignore',
      station: 'ignore',
      measured: 'ignore',
    });
    expect(defaultRoles(COLUMNS, 'temp').temp).toBe('target');
  });

  it('keeps exactly one target: a new target demotes the old one to a feature', () => {
    const roles = assignRole(defaultRoles(COLUMNS), COLUMNS, 'temp', 'target');
    expect(roles.temp).toBe('target');
    expect(roles.co2).toBe('feature');
    expect(Object.values(roles).filter((r) => r === 'target')).toHaveLength(1);
  });

  it('keeps at most one date column', () => {
    const roles = assignRole(defaultRoles(COLUMNS), COLUMNS, 'measured', 'date');
    expect(roles.measured).toBe('date');
    expect(roles.date).toBe('ignore');
  });

  it('refuses a role the column kind does not allow', () => {
    const before = defaultRoles(COLUMNS);
    expect(assignRole(before, COLUMNS, 'co2', 'date')).toBe(before);
    expect(assignRole(before, COLUMNS, 'station', 'target')).toBe(before);
    expect(assignRole(before, COLUMNS, 'date', 'feature')).toBe(before);
    expect(assignRole(before, COLUMNS, 'nope', 'ignore')).toBe(before);
  });

  it('selects features that exclude the target and the date, in column order', () => {
    let roles = defaultRoles(COLUMNS);
    roles = assignRole(roles, COLUMNS, 'temp', 'feature');
    expect(importSelection(roles, COLUMNS)).toEqual({
      target: 'co2',
      features: ['temp'],
      date: 'date',
    });
    // A hand-made map that breaks the rules is still read safely.
    expect(
      importSelection(
        { date: 'feature', co2: 'target', temp: 'feature', station: 'feature' },
        COLUMNS,
      ),
    ).toEqual({ target: 'co2', features: ['temp'], date: null });
  });

  it('explains what is missing', () => {
    const roles = assignRole(defaultRoles(COLUMNS), COLUMNS, 'co2', 'ignore');
    expect(roleProblems(roles, COLUMNS)).toEqual([
      'Choose the column to forecast (role “Target”).',
    ]);
    expect(roleProblems(defaultRoles(COLUMNS), COLUMNS)).toEqual([]);
    const textOnly: ColumnInfo[] = [{ name: 'a;b', kind: 'text' }];
    expect(roleProblems(defaultRoles(textOnly), textOnly)[0]).toMatch(/delimiter/);
  });
});
