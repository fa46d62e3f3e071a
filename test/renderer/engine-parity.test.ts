// Pure logic: no DOM needed, so skip the cost of starting jsdom.
// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { splitRows } from '../../src-main/engine/data/series/split-rows';
import {
  DEFAULT_FORECAST_SPEC as ENGINE_DEFAULT,
  TUTORIAL_SINE_SPEC as ENGINE_TUTORIAL,
} from '../../src-main/engine/model/model-spec';
import { makeFrequency as engineMakeFrequency } from '../../src-main/engine/data/csv/frequency-units';
import { makeFrequency, FREQUENCY_UNITS } from '../../src-renderer/lib/data/frequency';
import { splitBounds } from '../../src-renderer/lib/data/split-bounds';
import { DEFAULT_FORECAST_SPEC, TUTORIAL_SINE_SPEC } from '../../src-renderer/lib/presets';

/**
 * The renderer knows only the contract, so a few engine facts are restated in it. These tests
 * pin each copy to the engine: if the engine changes, they fail instead of the UI drifting.
 */
describe('renderer copies of engine facts', () => {
  it('the tutorial preset is the engine’s tutorial spec', () => {
    expect(TUTORIAL_SINE_SPEC).toEqual(ENGINE_TUTORIAL);
    expect(DEFAULT_FORECAST_SPEC).toEqual(ENGINE_DEFAULT);
  });

  it('the split drawn on the preview is the split training uses', () => {
    for (const n of [10, 97, 100, 1234]) {
      for (const test of [0.05, 0.2, 0.33, 0.5]) {
        for (const val of [0, 0.1, 0.25]) {
          expect(splitBounds(n, test, val)).toEqual(
            splitRows(n, { testFraction: test, valFraction: val }),
          );
        }
      }
    }
  });

  it('a frequency picked by hand matches the engine’s', () => {
    for (const unit of FREQUENCY_UNITS) {
      for (const step of [1, 2, 3, 15]) {
        expect(makeFrequency(unit, step)).toEqual(engineMakeFrequency(unit, step));
      }
    }
  });
});
