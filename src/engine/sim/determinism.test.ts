import { describe, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { defaultScenario } from '../scenario/defaults';

describe('determinism', () => {
  it('gives the same state hash for the same scenario and actions', () => {
    const a = Simulation.create();
    const b = Simulation.create();
    expect(a.stateHash()).toBe(b.stateHash());
    a.exec('default/client', 'ping -c 2 10.244.2.2');
    b.exec('default/client', 'ping -c 2 10.244.2.2');
    a.trace('default/client', '10.244.2.3');
    b.trace('default/client', '10.244.2.3');
    expect(a.stateHash()).toBe(b.stateHash());
  });

  it('gives a different state for a different seed', () => {
    const a = Simulation.create();
    const b = Simulation.create({ ...defaultScenario(), seed: 7 });
    expect(a.stateHash()).not.toBe(b.stateHash());
    expect(a.pods().map((p) => p.metadata.name)).not.toEqual(b.pods().map((p) => p.metadata.name));
  });

  it('replaying the action log reproduces the state byte for byte', () => {
    const a = Simulation.create();
    a.exec('control-plane', 'kubectl get pods -o wide');
    a.exec('default/client', 'ping -c 1 10.244.2.2');
    a.sleep(5000);
    a.trace('default/client', '10.244.1.3');
    const b = Simulation.replay(a.scenario, a.actions);
    expect(JSON.stringify(b.stateData())).toBe(JSON.stringify(a.stateData()));
    expect(b.stateHash()).toBe(a.stateHash());
  });

  it('sleep advances simulated time only', () => {
    const a = Simulation.create();
    const t0 = a.ctx.clock.now;
    a.exec('node-1', 'sleep 30');
    expect(a.ctx.clock.now).toBe(t0 + 30_000);
  });
});
