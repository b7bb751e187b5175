import { describe, expect, it } from 'vitest';
import { presetById } from '../../engine/scenario/presets';
import { buildNodeNetwork } from '../../engine/sim/nodeNetwork';
import { Simulation } from '../../engine/sim/simulation';
import { activeTunnel, peerLinks, peerPaths, podBlocks } from './model';

function overlay(preset: string) {
  const sim = Simulation.create(presetById(preset)!.build().scenario);
  const snap = sim.snapshot();
  const views = snap.nodes.map((n) => buildNodeNetwork(sim, n.name));
  return { sim, snap, views, paths: peerPaths(views, snap) };
}

describe('Overlay model', () => {
  it('flannel VXLAN: one path per peer podCIDR through flannel.1, no problems', () => {
    const { paths } = overlay('default');
    expect(paths).toHaveLength(6);
    expect(paths.every((p) => p.kind === 'vxlan' && !p.problem)).toBe(true);
  });

  it('Calico: the peers\' IPAM blocks (not the podCIDR) reached through tunl0, drawn as IPIP tunnels; a trace marks the tunnel in use', () => {
    const { sim, snap, views, paths } = overlay('calico');
    const blocks = podBlocks(views.find((v) => v.node === 'node-2'));
    expect(blocks.length).toBeGreaterThan(0);
    expect(blocks.every((b) => b.endsWith('/26'))).toBe(true);
    expect(paths.length).toBeGreaterThanOrEqual(6);
    expect(paths.filter((p) => p.problem)).toEqual([]);
    const toNode2 = paths.find((p) => p.from === 'node-1' && p.to === 'node-2')!;
    expect(toNode2.kind).toBe('ipip');
    expect(toNode2.route).toBe(`${toNode2.subnet} via 192.168.56.12 dev tunl0 proto bird onlink`);
    const links = peerLinks(paths);
    expect(links.map((l) => l.kind)).toEqual(['ipip', 'ipip', 'ipip']);
    expect(links.every((l) => !l.problem)).toBe(true);
    const client = sim.pods().find((p) => p.metadata.name === 'client')!;
    const far = sim.pods().find((p) => p.metadata.name.startsWith('web-') && p.spec.nodeName !== client.spec.nodeName)!;
    const t = sim.trace('default/client', far.status!.podIP!);
    const encap = t.steps.find((s) => s.stage === 'ipip-encap')!;
    expect(activeTunnel(encap, snap)).toBe([client.spec.nodeName, far.spec.nodeName].sort().join('|'));
  });
});
