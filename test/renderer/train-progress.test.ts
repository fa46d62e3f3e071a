import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import TrainProgress from '../../src-renderer/components/TrainProgress.svelte';

describe('the training progress panel', () => {
  it('counts epochs up to the one the budget ends in ("2 / 2", not "2 / 1")', () => {
    render(TrainProgress, {
      phase: 'running',
      backend: { name: 'wasm', version: '4.22.0', fallbackReason: null },
      progress: {
        step: 1300,
        totalSteps: 1400,
        epoch: 2,
        totalEpochs: 1.4,
        loss: 0.1,
        valLoss: null,
        samplesPerSecond: 1000,
        elapsedSeconds: 13,
        etaSeconds: 1,
      },
    });
    const epoch = screen.getByText('Epoch').nextElementSibling!;
    expect(epoch.textContent!.replace(/\s+/g, ' ').trim()).toBe('2 / 2');
  });
});
