import { cleanup, fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import SpecForm from '../../src-renderer/components/SpecForm.svelte';
import { TUTORIAL_SINE_SPEC, cloneSpec } from '../../src-renderer/lib/presets';
import type { FieldIssue } from '../../src-renderer/lib/spec/spec-issues';
import type { ModelSpec } from '../../src-renderer/lib/types';
import { reactive } from './helpers/reactive.svelte';

afterEach(cleanup);

const tutorial = (): ModelSpec => reactive(cloneSpec(TUTORIAL_SINE_SPEC));

const error = (path: string, message: string): FieldIssue => ({ path, message, severity: 'error' });
const warning = (path: string, message: string): FieldIssue => ({
  path,
  message,
  severity: 'warning',
});

describe('SpecForm validation display', () => {
  it('shows an error next to the layer it is about and marks that input invalid', () => {
    const spec = tutorial();
    render(SpecForm, { spec, issues: [error('layers.1', 'each layer needs at least 1 unit')] });

    const second = screen.getByLabelText('Layer 2') as HTMLInputElement;
    expect(second.getAttribute('aria-invalid')).toBe('true');
    const describedBy = second.getAttribute('aria-describedby');
    expect(describedBy).toBe('layer-1-messages');
    expect(document.getElementById(describedBy!)?.textContent).toContain(
      'each layer needs at least 1 unit',
    );
    expect(screen.getByLabelText('Layer 1').getAttribute('aria-invalid')).toBe('false');
  });

  it('shows field errors and warnings beside their fields', () => {
    const spec = tutorial();
    render(SpecForm, {
      spec,
      issues: [
        error('learningRate', 'learning rate must be > 0'),
        warning('recurrentDropout', 'recurrent dropout drops state across time steps'),
        error('budget.steps', 'train for at least 1 step'),
      ],
    });

    const rate = screen.getByLabelText('Learning rate');
    expect(rate.getAttribute('aria-invalid')).toBe('true');
    const rateMessages = document.getElementById('learning-rate-messages');
    expect(rateMessages?.textContent).toContain('learning rate must be > 0');
    expect(rateMessages?.querySelector('.error')).not.toBeNull();

    const dropoutMessages = document.getElementById('recurrent-dropout-messages');
    expect(dropoutMessages?.querySelector('.warning')?.textContent).toContain(
      'recurrent dropout drops state',
    );
    // A warning informs; it does not mark the input invalid.
    expect(screen.getByLabelText('Recurrent dropout').getAttribute('aria-invalid')).toBe('false');

    expect(document.getElementById('budget-messages')?.textContent).toContain(
      'train for at least 1 step',
    );
  });

  it('shows no messages when the summary has none', () => {
    render(SpecForm, { spec: tutorial(), issues: [] });
    expect(document.querySelectorAll('.field-message')).toHaveLength(0);
    expect(screen.getByLabelText('Lookback').getAttribute('aria-invalid')).toBe('false');
  });

  it('disables dropout with a one-line reason when there is one layer', () => {
    const spec = reactive<ModelSpec>({ ...cloneSpec(TUTORIAL_SINE_SPEC), layers: [30] });
    render(SpecForm, { spec, issues: [] });
    const dropout = screen.getByLabelText('Dropout between layers') as HTMLInputElement;
    expect(dropout.disabled).toBe(true);
    expect(document.getElementById('dropout-hint')?.textContent).toBe(
      'Dropout acts only between stacked layers: add a second layer to use it.',
    );
    expect(screen.getByRole('button', { name: 'Remove layer 1' })).toHaveProperty('disabled', true);
  });

  it('enables dropout with two layers', () => {
    render(SpecForm, { spec: tutorial(), issues: [] });
    expect((screen.getByLabelText('Dropout between layers') as HTMLInputElement).disabled).toBe(
      false,
    );
  });

  it('edits the spec in place: units, added and removed layers', async () => {
    const spec = tutorial();
    render(SpecForm, { spec, issues: [] });
    await fireEvent.input(screen.getByLabelText('Layer 2'), { target: { value: '64' } });
    expect(spec.layers).toEqual([30, 64]);
    await fireEvent.click(screen.getByRole('button', { name: '+ Add layer' }));
    expect(spec.layers).toEqual([30, 64, 64]);
    await fireEvent.click(screen.getByRole('button', { name: 'Remove layer 1' }));
    expect(spec.layers).toEqual([64, 64]);
  });
});
