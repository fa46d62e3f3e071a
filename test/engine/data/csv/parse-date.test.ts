import { describe, expect, it } from 'vitest';
import { parseDate } from '../../../../src-main/engine/data/csv';

describe('parseDate', () => {
  it.each([
    ['2012-01-01', Date.UTC(2012, 0, 1)],
    ['2012-1-5', Date.UTC(2012, 0, 5)],
    ['2012-01-01T10:00:00Z', Date.UTC(2012, 0, 1, 10)],
    ['2012-01-01T10:00:00.25Z', Date.UTC(2012, 0, 1, 10, 0, 0, 250)],
    ['2012-01-01 10:00', Date.UTC(2012, 0, 1, 10)],
    ['2012-01-01T10:00:00+02:00', Date.UTC(2012, 0, 1, 8)],
    ['2012-01-01T10:00-0530', Date.UTC(2012, 0, 1, 15, 30)],
    ['1958-03', Date.UTC(1958, 2, 1)],
    ['2012/01/05', Date.UTC(2012, 0, 5)],
    ['24.12.2012', Date.UTC(2012, 11, 24)],
    ['13/02/2012', Date.UTC(2012, 1, 13)],
    ['02/13/2012', Date.UTC(2012, 1, 13)],
    ['  2012-01-01  ', Date.UTC(2012, 0, 1)],
    ['0079-08-24', new Date('0079-08-24T00:00:00Z').getTime()],
  ])('reads %j', (text, expected) => {
    expect(parseDate(text)).toBe(expected);
  });

  it.each([
    '2012-02-30',
    '2013-02-29',
    '2012-13-01',
    '2012-01-01 24:00',
    'soon',
    '',
    '20120101',
    '1.5',
  ])('rejects %j', (text) => {
    expect(parseDate(text)).toBeNull();
  });

  it('reads ambiguous day/month dates day-first unless told otherwise', () => {
    expect(parseDate('03/04/2012')).toBe(Date.UTC(2012, 3, 3));
    expect(parseDate('03/04/2012', { dateOrder: 'mdy' })).toBe(Date.UTC(2012, 2, 4));
    expect(parseDate('13/04/2012', { dateOrder: 'mdy' })).toBe(Date.UTC(2012, 3, 13));
  });

  it('reads unix timestamps only when asked', () => {
    expect(parseDate('1325376000')).toBeNull();
    expect(parseDate('1325376000', { format: 'unix-s' })).toBe(Date.UTC(2012, 0, 1));
    expect(parseDate('1325376000500', { format: 'unix-ms' })).toBe(Date.UTC(2012, 0, 1) + 500);
  });
});
