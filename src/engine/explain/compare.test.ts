import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { compareDataplanes, STANDARD_COMPARISONS } from './compare';

const backends = STANDARD_COMPARISONS.find((c) => c.id === 'flannel-backend')!.variants;

describe('side-by-side dataplanes', () => {
  it('VXLAN vs host-gw: the same packet, encapsulated on one side, routed via the peer node on the other', () => {
    const sim = Simulation.create();
    const hash = sim.stateHash();
    const target = sim.pods().find((p) => p.metadata.name.startsWith('web-') && p.spec.nodeName === 'node-2')!;
    const c = compareDataplanes(sim, backends, { from: 'default/client', to: target.status!.podIP! });
    expect(sim.stateHash()).toBe(hash);
    expect(c.a.error).toBeUndefined();
    expect(c.b.error).toBeUndefined();
    expect(c.a.trace?.outcome).toBe('delivered');
    expect(c.b.trace?.outcome).toBe('delivered');
    expect(c.a.node).toBe('node-1');
    expect(c.a.trace!.steps.some((s) => s.stage === 'vxlan-encap')).toBe(true);
    expect(c.b.trace!.steps.some((s) => s.stage === 'vxlan-encap')).toBe(false);
    expect(c.steps.some((l) => l.op === '-' && l.text.includes('vxlan-encap'))).toBe(true);
    expect(c.routes).toContainEqual({ op: '-', text: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink' });
    expect(c.routes).toContainEqual({ op: '+', text: '10.244.2.0/24 via 192.168.56.12 dev eth0' });
    expect(c.iptables.some((l) => l.op === ' ')).toBe(true);
    // The same hops on node-2's bridge and in the target pod line up, although replays name them differently.
    expect(c.steps.filter((l) => l.text.includes(' eth0 deliver\t') && l.text.startsWith('request node-2 pod'))).toEqual([expect.objectContaining({ op: ' ' })]);
  });

  it('says why a side has no trace', () => {
    const sim = Simulation.create();
    const c = compareDataplanes(sim, backends, { from: 'default/nobody', to: '10.244.1.2' });
    expect(c.a.error).toBe('no pod plays the part of default/nobody here');
  });

  it('externalTrafficPolicy Cluster vs Local: from the internet, the pod sees a node address or the client 203.0.113.1', () => {
    const sim = Simulation.create();
    expect(sim.exec('control-plane', 'kubectl expose deployment web --type=LoadBalancer --port=80 --name=shop').exitCode).toBe(0);
    sim.sleep(2000);
    const hash = sim.stateHash();
    const etp = STANDARD_COMPARISONS.find((c) => c.id === 'etp')!.variants;
    const c = compareDataplanes(sim, etp, { from: 'internet', to: '', service: 'default/shop' });
    expect(sim.stateHash()).toBe(hash);
    expect(c.a.error).toBeUndefined();
    expect(c.b.error).toBeUndefined();
    expect(c.a.trace?.outcome).toBe('delivered');
    expect(c.b.trace?.outcome).toBe('delivered');
    expect(c.a.clientSeen?.pod).toMatch(/^default\/web-/);
    expect(c.a.clientSeen?.src).toMatch(/^(192\.168\.56\.1[12]|10\.244\.\d\.[01])$/);
    expect(c.b.clientSeen).toEqual({ pod: expect.stringMatching(/^default\/web-/), src: '203.0.113.1' });
    expect(compareDataplanes(sim, etp, { from: 'internet', to: '', service: 'default/web' }).a.error).toMatch(/LoadBalancer or NodePort/);
    // A NodePort is sent to a node running an endpoint; the nodes' addresses are private, so the internet cannot get there.
    expect(sim.exec('control-plane', 'kubectl expose deployment web --type=NodePort --port=80 --name=np').exitCode).toBe(0);
    const np = compareDataplanes(sim, etp, { from: 'internet', to: '', service: 'default/np' });
    expect(np.b.trace?.outcome).toBe('dropped');
    expect(np.b.trace?.reason).toMatch(/private addresses are not routed on the internet/);
  });
});
