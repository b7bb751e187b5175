import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/sim/simulation';
import { fuzzAction, perform } from './actions';
import { checkInvariants } from './invariants';

describe('cluster invariants under random action sequences', { timeout: 120_000 }, () => {
  it('hold after every step, and the same actions give the same state', () => {
    fc.assert(
      fc.property(fc.array(fuzzAction, { minLength: 1, maxLength: 12 }), (actions) => {
        const sim = Simulation.create();
        for (const a of actions) {
          const traces = perform(sim, a);
          const bad = checkInvariants(sim, traces);
          if (bad.length > 0) throw new Error(`${JSON.stringify(a)} → ${bad.join('; ')}`);
        }
        const again = Simulation.replay(sim.scenario, sim.actions);
        expect(again.stateHash()).toBe(sim.stateHash());
      }),
      { numRuns: 12, seed: 424242 },
    );
  });
});
