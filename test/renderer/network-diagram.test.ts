import { cleanup, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import NetworkDiagram from '../../src-renderer/components/NetworkDiagram.svelte';
import { TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';
import { buildNetworkDiagram } from '../../src-renderer/lib/spec/network-diagram';
import { TUTORIAL_SUMMARY } from './helpers/fixtures';

afterEach(cleanup);

describe('buildNetworkDiagram', () => {
  it('draws input → each recurrent layer → dense with shapes and the engine’s counts', () => {
    const diagram = buildNetworkDiagram(TUTORIAL_SINE_SPEC, 1, TUTORIAL_SUMMARY);
    expect(diagram.nodes.map((n) => n.kind)).toEqual(['input', 'recurrent', 'recurrent', 'dense']);
    expect(diagram.nodes.map((n) => n.shape)).toEqual([
      '[batch, 10, 1]',
      '[batch, 10, 30]',
      '[batch, 30]',
      '[batch, 1]',
    ]);
    expect(diagram.nodes.map((n) => n.params)).toEqual([null, 3840, 7320, 31]);
    expect(diagram.edges).toHaveLength(3);
  });

  it('doubles the width of bidirectional layers and marks dropout only between recurrent layers', () => {
    const spec = { ...TUTORIAL_SINE_SPEC, layers: [8, 16, 4], bidirectional: true, dropout: 0.2 };
    const diagram = buildNetworkDiagram(spec, 3, null);
    expect(diagram.nodes[1]!.title).toBe('Bi-LSTM');
    expect(diagram.nodes[1]!.shape).toBe('[batch, 10, 16]');
    expect(diagram.nodes[3]!.shape).toBe('[batch, 8]');
    expect(diagram.nodes[0]!.shape).toBe('[batch, 10, 3]');
    expect(diagram.edges.map((e) => e.dropout)).toEqual([0, 0.2, 0.2, 0]);
    expect(diagram.nodes.every((n) => n.params === null)).toBe(true);
  });

  it('renders one box per node', () => {
    render(NetworkDiagram, {
      diagram: buildNetworkDiagram(TUTORIAL_SINE_SPEC, 1, TUTORIAL_SUMMARY),
    });
    const figure = screen.getByRole('figure', { name: 'Network diagram' });
    expect(figure.querySelectorAll('.node')).toHaveLength(4);
    expect(figure.textContent).toContain('LSTM');
    expect(figure.textContent).toContain(`${(7320).toLocaleString()} params`);
  });
});
