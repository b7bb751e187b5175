import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Simulation } from '../engine/sim/simulation';
import { cidrCase, commandCase, manifestCase, urlCase } from './cases';
import { cidrInput, commandInput, manifestInput, urlInput } from './inputs';

// A bounded, seeded run inside `npm test`; `npm run fuzz` runs ≥ 10,000 cases per kind.
const RUNS = 150;
const SEED = 20261124;

// Fuzz runs are bounded by case count, not time: a slow machine must not fail them.
describe('hostile input never breaks the engine', { timeout: 120_000 }, () => {
  it('shared links', () => {
    fc.assert(fc.property(urlInput, (u) => urlCase(u).ok), { numRuns: RUNS, seed: SEED });
  });

  it('terminal commands, on a node and in a pod', () => {
    const sim = Simulation.create();
    fc.assert(
      fc.property(fc.constantFrom('node-1', 'default/client', 'control-plane'), commandInput, (t, c) => {
        const v = commandCase(sim, t, c);
        if (!v.ok) throw new Error(`${t}: ${c}\n${v.problem}`);
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('manifests', () => {
    const sim = Simulation.create();
    fc.assert(
      fc.property(manifestInput, (m) => {
        const v = manifestCase(sim, m);
        if (!v.ok) throw new Error(`${m.slice(0, 200)}\n${v.problem}`);
      }),
      { numRuns: 60, seed: SEED },
    );
  });

  it('CIDRs in scenarios', () => {
    fc.assert(fc.property(cidrInput, (c) => cidrCase(c).ok), { numRuns: RUNS * 2, seed: SEED });
  });

  it('names the problem for typical mistakes', () => {
    expect(urlCase('s=2.abc')).toEqual({ ok: true });
    const sim = Simulation.create();
    expect(sim.applyManifest('a: &a [*a]').output).toMatch(/error/);
  });
});
