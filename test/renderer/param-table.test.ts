import { cleanup, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import ParamTable from '../../src-renderer/components/ParamTable.svelte';
import { TUTORIAL_SUMMARY } from './helpers/fixtures';

afterEach(cleanup);

describe('ParamTable', () => {
  it('lists each layer with its parameter count and formula, and the total', () => {
    render(ParamTable, { summary: TUTORIAL_SUMMARY });
    const table = screen.getByTestId('param-table');
    const rows = within(table).getAllByRole('row');
    // header + 3 layers + total
    expect(rows).toHaveLength(5);
    const counts = screen.getAllByTestId('layer-params').map((cell) => cell.textContent?.trim());
    expect(counts).toEqual([(3840).toLocaleString(), (7320).toLocaleString(), '31']);
    expect(screen.getByTestId('total-params').textContent?.trim()).toBe((11191).toLocaleString());
    expect(table.textContent).toContain('4 × u × (i + u + 1) = 4 × 30 × (30 + 30 + 1) = 7320');
    expect(table.textContent).toContain('(i + 1) × o = (30 + 1) × 1 = 31');
  });

  it('says what to do when the spec is invalid and has no counts', () => {
    render(ParamTable, {
      summary: {
        valid: false,
        errors: [{ path: 'layers.0', message: 'each layer needs at least 1 unit' }],
        warnings: [],
        layers: [],
        totalParams: 0,
      },
    });
    expect(screen.queryByTestId('param-table')).toBeNull();
    expect(screen.getByText(/Fix the highlighted fields/)).toBeTruthy();
  });

  it('waits politely for the first summary', () => {
    render(ParamTable, { summary: null });
    expect(screen.getByText('Counting parameters…')).toBeTruthy();
  });
});
