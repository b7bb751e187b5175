import { afterEach, expect, it } from 'vitest';
import { Simulation } from './simulation';
import { CONTENT_HASH_LIMITS } from './snapshotBuilder';

const saved = { ...CONTENT_HASH_LIMITS };
afterEach(() => Object.assign(CONTENT_HASH_LIMITS, saved));

it('a snapshot carries the state fingerprint up to the limits, so a replay shows the same one', () => {
  const sim = Simulation.create();
  const snap = sim.snapshot();
  expect(snap).toMatchObject({ hash: sim.stateHash(), hashIsState: true });
  expect(Simulation.replay(sim.scenario, sim.actions).snapshot().hash).toBe(snap.hash);
});

it('past the limits a snapshot carries a cheap version that moves with every change and never repeats across simulations', () => {
  CONTENT_HASH_LIMITS.nodes = 2; // the default cluster has 3 nodes
  const sim = Simulation.create();
  const a = sim.snapshot();
  expect(a.hashIsState).toBe(false);
  expect(a.hash).toMatch(/^v\d+\.\d+\.\d+\.\d+\.\d+$/);
  expect(sim.snapshot().hash).toBe(a.hash);
  // A command that only touches a node's routes is an action: the version moves.
  sim.exec('node-1', 'ip route add 10.99.0.0/24 via 192.168.56.12');
  const b = sim.snapshot().hash;
  expect(b).not.toBe(a.hash);
  sim.sleep(1000);
  expect(sim.snapshot().hash).not.toBe(b);
  // A replay (undo, a load) is another simulation: its versions never equal this one's.
  expect(Simulation.replay(sim.scenario, sim.actions).snapshot().hash).not.toBe(sim.snapshot().hash);
});

it('counts kube-proxy\'s rules too: Services × nodes past the limit also get a version', () => {
  const sim = Simulation.create();
  expect(sim.snapshot().hashIsState).toBe(true);
  CONTENT_HASH_LIMITS.serviceNodes = sim.nodes().length * sim.ctx.api.peekAll('Service').length - 1;
  expect(sim.snapshot().hashIsState).toBe(false);
});
