import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { compareDataplanes, STANDARD_COMPARISONS } from './compare';
import type { Service } from '../api/types';
import { defaultScenario } from '../scenario/defaults';

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

  describe('iptables vs ipvs: a ping to a ClusterIP', () => {
    const kubeProxy = STANDARD_COMPARISONS.find((c) => c.id === 'kube-proxy')!.variants;
    /** A cluster at a Kubernetes version with Service web (port 80) in front of the web pods. */
    function withService(version?: string): { sim: Simulation; cip: string } {
      const scenario = defaultScenario();
      if (version) scenario.cluster.kubernetesVersion = version;
      const sim = Simulation.create(scenario);
      expect(sim.exec('control-plane', 'kubectl expose deployment web --port=80').exitCode).toBe(0);
      sim.sleep(2000);
      return { sim, cip: sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP! };
    }

    it('v1.34: iptables mode has no rule for ICMP (no reply, the trace says why); ipvs mode binds the VIP and KUBE-IPVS-FILTER rejects it', () => {
      const { sim, cip } = withService();
      expect(sim.scenario.cluster.kubernetesVersion).toBe('v1.34.2');
      const hash = sim.stateHash();
      const c = compareDataplanes(sim, kubeProxy, { from: 'default/client', to: cip });
      expect(sim.stateHash()).toBe(hash);
      // iptables: KUBE-SERVICES only matches -p tcp --dport 80, so the echo leaves by the default route and nothing answers.
      expect(c.a.trace).toMatchObject({ proto: 'icmp', outcome: 'dropped', replied: false });
      expect(c.a.trace!.reason).toMatch(/is the ClusterIP of Service default\/web \(80\/TCP\); kube-proxy only rewrites the ports a Service defines .*a ClusterIP does not answer ping/);
      expect(c.a.verdict).toMatchObject({
        kind: 'dropped',
        host: 'node-1',
        stage: 'nat/PREROUTING',
        rule: '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
        note: expect.stringMatching(/^no kube-proxy rule matched ICMP to 10\.\d+\.\d+\.\d+: the packet went on unchanged$/),
      });
      // ipvs: the VIP is a local address on kube-ipvs0; the filter table's KUBE-IPVS-FILTER answers with port unreachable.
      expect(c.b.trace!.icmpError).toMatchObject({ type: 'port-unreachable' });
      expect(c.b.trace!.steps.some((s) => s.stage === 'route' && /local 10\.\S+ dev kube-ipvs0 table local/.test(s.decidedBy ?? ''))).toBe(true);
      expect(c.b.verdict).toMatchObject({
        kind: 'rejected',
        text: expect.stringMatching(/^ICMP port-unreachable from 10\./),
        host: 'node-1',
        stage: 'filter/INPUT',
        rule: '-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT --reject-with icmp-port-unreachable',
      });
      // The diff marks it: only ipvs has the REJECT step and the ICMP error walking back, only iptables the way out to the router.
      expect(c.steps).toContainEqual(expect.objectContaining({ op: '+', text: expect.stringContaining('filter/INPUT\tiptables filter INPUT: REJECT by filter/KUBE-IPVS-FILTER') }));
      expect(c.steps).toContainEqual(expect.objectContaining({ op: '-', text: expect.stringMatching(/^request router router eth0 nat\/PREROUTING/) }));
      expect(c.iptables.filter((l) => l.op === '+').map((l) => l.text)).toContain('-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER');
    });

    it('v1.26: without KUBE-IPVS-FILTER the ipvs node answers the ping itself, iptables mode still does not', () => {
      const { sim, cip } = withService('v1.26.15');
      const c = compareDataplanes(sim, kubeProxy, { from: 'default/client', to: cip });
      expect(c.a.verdict).toMatchObject({ kind: 'dropped', stage: 'nat/PREROUTING' });
      expect(c.b.trace).toMatchObject({ outcome: 'delivered', replied: true });
      expect(c.b.trace!.icmpError).toBeUndefined();
      expect(c.b.verdict).toMatchObject({
        kind: 'answered',
        text: expect.stringMatching(/^echo reply from 10\./),
        host: 'node-1',
        stage: 'route',
        rule: expect.stringMatching(/^local 10\.\S+ dev kube-ipvs0 table local proto kernel scope host src 10\./),
        note: expect.stringContaining('the node answers itself'),
      });
      expect(c.iptables.some((l) => l.text.includes('KUBE-IPVS-FILTER'))).toBe(false);
    });
  });
});
