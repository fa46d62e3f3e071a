// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import {
  allowedRoles,
  assignRole,
  defaultRoles,
  importSelection,
  proposeTarget,
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

  it('keeps exactly one target: a new target turns the old one to ignore (features are opt-in)', () => {
    const roles = assignRole(defaultRoles(COLUMNS), COLUMNS, 'temp', 'target');
    expect(roles.temp).toBe('target');
    expect(roles.co2).toBe('ignore');
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

describe('the proposed target', () => {
  const number = (name: string): ColumnInfo => ({ name, kind: 'number' });

  it('skips an intermittent column: seattle-weather.csv proposes temp_max, not precipitation', () => {
    const columns: ColumnInfo[] = [
      { name: 'date', kind: 'date' },
      number('precipitation'),
      number('temp_max'),
      number('temp_min'),
      number('wind'),
      { name: 'weather', kind: 'text' },
    ];
    // The file's first rows: precipitation is 0.0 on 6 of these 20 days.
    const precipitation =
      '0.0 10.9 0.8 20.3 1.3 2.5 0.0 0.0 4.3 1.0 0.0 0.0 0.0 4.1 5.3 2.5 8.1 19.8 15.2 13.5';
    const rows = precipitation
      .split(' ')
      .map((p, i) => [
        `2012-01-${String(i + 1).padStart(2, '0')}`,
        p,
        '12.8',
        '5.0',
        '4.7',
        'rain',
      ]);
    expect(proposeTarget(columns, rows, 'seattle-weather.csv')).toBe('temp_max');
  });

  it('proposes the column named like the file, else the first that is no identifier', () => {
    const co2: ColumnInfo[] = [
      { name: 'Date', kind: 'date' },
      number('CO2'),
      number('adjusted CO2'),
    ];
    const rows = [['1958-03-01', '315.70', '314.44']];
    expect(proposeTarget(co2, rows, 'co2-concentration.csv')).toBe('CO2');
    expect(proposeTarget(co2, rows, 'adjusted_co2.csv')).toBe('adjusted CO2');

    const withIds: ColumnInfo[] = [number('id'), number('station_id'), number('n'), number('load')];
    const counted = [
      ['1', '7', '1', '0.5'],
      ['2', '7', '2', '0.7'],
      ['3', '7', '3', '0.6'],
    ];
    // "n" counts up by one: a row number, whatever its name.
    expect(proposeTarget(withIds, counted, 'data.csv')).toBe('load');
    expect(proposeTarget([number('id')], counted, 'data.csv')).toBe('id');
    expect(proposeTarget([{ name: 'note', kind: 'text' }], [['a']])).toBeNull();
  });
});
