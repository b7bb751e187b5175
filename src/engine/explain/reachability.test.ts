import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { presetById, PRESETS } from '../scenario/presets';
import { reachability } from './reachability';

const cell = (r: ReturnType<typeof reachability>, from: string, to: string) => {
  const i = r.sources.findIndex((s) => s.id === from);
  const j = r.targets.findIndex((t) => t.id === to || t.id.startsWith(to));
  if (i < 0 || j < 0) throw new Error(`no cell ${from} → ${to}`);
  return r.cells[i][j];
};

describe('reachability matrix', () => {
  it('traces every pod to every pod, Service port and the outside, without touching the live state', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl expose deployment web --port=80');
    const hash = sim.stateHash();
    const actions = sim.actions.length;
    const r = reachability(sim, ['default']);
    expect(sim.stateHash()).toBe(hash);
    expect(sim.actions).toHaveLength(actions);
    expect(r.sources.map((s) => s.id)).toEqual(sim.pods().filter((p) => p.metadata.namespace === 'default').map((p) => `default/${p.metadata.name}`).sort());
    expect(r.targets.map((t) => t.id.replace(/web-\S+/, 'web-…'))).toEqual(['pod:default/client', 'pod:default/web-…', 'pod:default/web-…', 'pod:default/web-…', 'svc:default/kubernetes:443', 'svc:default/web:80', 'internet']);
    const web = r.targets.find((t) => t.kind === 'pod' && t.label.startsWith('default/web-'))!;
    expect(web).toMatchObject({ proto: 'tcp', port: 80 });
    expect(r.cells.flat().every((c) => c.ok)).toBe(true);
    expect(cell(r, 'default/client', 'svc:default/web:80').summary).toBe('answered by nginx (container nginx)');
    expect(cell(r, 'default/client', 'svc:default/kubernetes:443').summary).toBe('answered by kube-apiserver');
    expect(cell(r, 'default/client', 'internet').ok).toBe(true);
  });

  it('shows what a breakage cut, naming the rule', () => {
    // Docker's FORWARD policy on node-1, and no rule of flannel's left to accept pod traffic.
    const { scenario, setup } = presetById('forward-drop')!.build();
    const before = reachability(Simulation.replay(scenario, []), ['default']);
    const after = reachability(Simulation.replay(scenario, setup), ['default']);
    const cut = after.targets.filter((t) => t.kind === 'pod' && t.id !== 'pod:default/client').map((t) => cell(after, 'default/client', t.id));
    expect(cut.some((c) => !c.ok && c.decidedBy === ':FORWARD DROP')).toBe(true);
    expect(before.cells.flat().every((c) => c.ok)).toBe(true);
    expect(after.sources.map((s) => s.id)).toEqual(before.sources.map((s) => s.id));
  });

  it('refuses a selection too large to draw, with the reason', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl scale deployment web --replicas=45');
    expect(() => reachability(sim, [])).toThrow(/running pods in the selection; the matrix shows at most 40/);
  });

  it('works on a broken preset too (no routes between nodes)', () => {
    const { scenario, setup } = presetById('no-routes')!.build();
    const sim = Simulation.replay(scenario, setup);
    const r = reachability(sim, ['default']);
    expect(r.cells.flat().some((c) => !c.ok)).toBe(true);
  });
});

describe('reachability of every broken preset, before and after its fix', () => {
  // mtu-mismatch only loses large packets; the matrix probes with small ones (ping -s shows it).
  const broken = PRESETS.filter((p) => p.fix && p.fix.length > 0 && p.id !== 'mtu-mismatch');
  it.each(broken.map((p) => [p.id, p] as const))('%s: something is cut, and after the fix pods reach each other', (_id, preset) => {
    const { scenario, setup } = preset.build();
    const sim = Simulation.replay(scenario, setup);
    const before = reachability(sim, ['default']);
    const after = reachability(Simulation.replay(scenario, [...setup, ...preset.fix!]), ['default']);
    const podCells = (r: typeof before) => r.cells.flatMap((row) => row.filter((_, j) => r.targets[j].kind === 'pod'));
    // Cut: a probe fails, or pods never got a network to be probed from.
    const notRunning = sim.pods().filter((p) => p.metadata.namespace === 'default' && p.status?.phase !== 'Running').length;
    expect(before.cells.flat().some((c) => !c.ok) || notRunning > 0).toBe(true);
    expect(after.sources.length).toBeGreaterThanOrEqual(4);
    expect(podCells(after).every((c) => c.ok)).toBe(true);
  });
});
