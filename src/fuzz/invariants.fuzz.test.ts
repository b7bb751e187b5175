import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/sim/simulation';
import { fuzzAction, perform } from './actions';
import { checkInvariants } from './invariants';
import type { Endpoints } from '../engine/api/types';

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

describe('the invariant checks themselves', () => {
  it('notice Endpoints that lost a ready pod', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl expose deployment web --port=80');
    expect(checkInvariants(sim, [])).toEqual([]);
    const ep = structuredClone(sim.ctx.api.peekAll('Endpoints').find((e) => e.metadata.name === 'web')!) as Endpoints;
    ep.subsets![0].addresses = ep.subsets![0].addresses!.slice(1);
    sim.ctx.api.update(ep, 'test');
    expect(checkInvariants(sim, []).join()).toMatch(/^Endpoints equal the ready pods the selector matches: default\/web has \[10\.244\./);
  });
});
