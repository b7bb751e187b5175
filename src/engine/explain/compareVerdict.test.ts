import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { presetById } from '../scenario/presets';
import { compareDataplanes, STANDARD_COMPARISONS } from './compare';
import { sideVerdict } from './compareVerdict';

function preset(id: string): Simulation {
  const b = presetById(id)!.build();
  return Simulation.replay(b.scenario, b.setup);
}
const podIp = (sim: Simulation, prefix: string, node: string): string => sim.pods().find((p) => p.metadata.name.startsWith(prefix) && p.spec.nodeName === node)!.status!.podIP!;
const verdict = (sim: Simulation, to: string) => sideVerdict(sim.trace('default/client', to), sim.scenario.cluster.serviceCIDR);

describe('the Compare verdict of a delivered probe names what carried it', () => {
  it('flannel VXLAN vs host-gw: the route into flannel.1 and its VXLAN wrap, or the route via node-2', () => {
    const sim = Simulation.create();
    const to = podIp(sim, 'web-', 'node-2');
    const c = compareDataplanes(sim, STANDARD_COMPARISONS.find((x) => x.id === 'flannel-backend')!.variants, { from: 'default/client', to });
    expect(c.a.verdict).toEqual({
      kind: 'answered',
      text: `echo reply from ${to}`,
      step: 6,
      host: 'node-1',
      stage: 'route',
      rule: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink',
      note: 'the route for 10.244.2.0/24 sends it into flannel.1, which wraps it in VXLAN (UDP 8472, VNI 1) to node-2 (192.168.56.12)',
    });
    expect(c.b.verdict).toEqual({
      kind: 'answered',
      text: `echo reply from ${to}`,
      step: 6,
      host: 'node-1',
      stage: 'route',
      rule: '10.244.2.0/24 via 192.168.56.12 dev eth0',
      note: "the route for 10.244.2.0/24 sends it via 192.168.56.12, node-2's address on the node network: no tunnel, the packet crosses as it is",
    });
  });

  it('same node on flannel: the cni0 bridge step that switched the frame to the target pod', () => {
    const sim = Simulation.create();
    const v = verdict(sim, podIp(sim, 'web-', 'node-1'));
    expect(v).toMatchObject({ kind: 'answered', step: 7, host: 'node-1', stage: 'bridge', rule: expect.stringMatching(/^([0-9a-f]{2}:){5}[0-9a-f]{2} dev veth[0-9a-f]{8} master cni0$/) });
    const port = /dev (\S+) master/.exec(v.rule!)![1];
    expect(v.note).toBe(`same node: the cni0 bridge switches the frame to port ${port} by its MAC (this FDB entry); nothing is routed to another node or tunnelled`);
  });

  it('Calico: the BIRD route into tunl0 (IP-in-IP) across nodes, the per-pod route on the same node, a NetworkPolicy that let it in', () => {
    const sim = preset('calico');
    const far = podIp(sim, 'web-', 'node-1');
    expect(verdict(sim, far)).toEqual({
      kind: 'answered',
      text: `echo reply from ${far}`,
      step: 5,
      host: 'node-2',
      stage: 'route',
      rule: '10.244.224.192/26 via 192.168.56.11 dev tunl0 proto bird onlink',
      note: 'the route for 10.244.224.192/26 (BIRD learned it over BGP) sends it into tunl0, which wraps it in IP-in-IP (protocol 4) to node-1 (192.168.56.11)',
    });
    const near = podIp(sim, 'web-', 'node-2');
    const v = verdict(sim, near);
    expect(v).toMatchObject({ kind: 'answered', step: 4, host: 'node-2', stage: 'route', rule: expect.stringMatching(new RegExp(`^${near.replace(/\./g, '\\.')} dev cali[0-9a-f]{11} scope link$`)) });
    expect(v.note).toBe(`same node: node-2's route for ${near} goes straight into the pod's veth ${v.rule!.split(' ')[2]}; no tunnel`);
    sim.applyManifest('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: allow-client\n  namespace: default\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  ingress:\n  - from:\n    - podSelector: {}\n');
    sim.sleep(2000);
    expect(verdict(sim, far)).toMatchObject({
      kind: 'answered',
      host: 'node-1',
      stage: 'filter/FORWARD',
      rule: '-A FORWARD -m comment --comment "cali:_JJsF6Ae8kGXqjvo" -m comment --comment "Policy explicitly accepted packet." -m mark --mark 0x10000/0x10000 -j ACCEPT',
      note: "NetworkPolicy default/allow-client allows it (ingress): felix's policy chain marked the packet 0x10000 and FORWARD accepts marked packets",
    });
  });
});
