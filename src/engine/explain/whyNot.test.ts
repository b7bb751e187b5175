import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import { presetById } from '../scenario/presets';
import { tryFix, whyNot, type WhyNot } from './whyNot';

function preset(id: string): Simulation {
  const { scenario, setup } = presetById(id)!.build();
  return Simulation.replay(scenario, setup);
}

const podIP = (sim: Simulation, node: string, prefix = 'web-'): string => sim.pods().find((p) => p.spec.nodeName === node && p.metadata.name.startsWith(prefix))!.status!.podIP!;

/** The explanation, and the fix tried on a copy: it must flip the outcome and leave the live state alone. */
function explainAndTry(sim: Simulation, subject: WhyNot['subject']): WhyNot {
  const hash = sim.stateHash();
  const w = whyNot(sim, subject);
  expect(sim.stateHash()).toBe(hash);
  expect(w.failed).toBe(true);
  expect(w.before.ok).toBe(false);
  if (w.fix) {
    const r = tryFix(sim, w);
    expect(r.after.ok).toBe(true);
    expect(r.liveHashAfter).toBe(r.liveHash);
    expect(sim.stateHash()).toBe(hash);
  }
  return w;
}

const commands = (w: WhyNot): string[] => (w.fix?.actions ?? []).map((a) => (a.type === 'exec' ? `${a.target}# ${a.command}` : a.type));

describe('why not: dropped traces', () => {
  it("forward-drop: the FORWARD chain's policy on each node, fixed by one ACCEPT rule at the top", () => {
    const sim = preset('forward-drop');
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: podIP(sim, 'node-2') });
    expect(w.kind).toBe('chain-policy');
    expect(w.evidence).toEqual({ target: 'node-1', command: 'iptables -L FORWARD -n --line-numbers', line: 'Chain FORWARD (policy DROP)' });
    expect(commands(w)).toEqual(['node-1# iptables -I FORWARD 1 -s 10.244.0.0/16 -j ACCEPT', 'node-2# iptables -I FORWARD 1 -s 10.244.0.0/16 -j ACCEPT']);
    expect(w.fix?.alternatives).toEqual(['iptables -P FORWARD ACCEPT']);
  });

  it('an explicit DROP rule: named by table, chain and number, fixed by deleting it', () => {
    const sim = Simulation.create();
    sim.exec('node-2', 'iptables -I FORWARD 1 -d 10.244.2.0/24 -j DROP');
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: podIP(sim, 'node-2') });
    expect(w.kind).toBe('rule');
    expect(w.cause).toContain('rule 1 of filter/FORWARD');
    expect(w.evidence?.line).toMatch(/^1 +DROP +all +-- +0\.0\.0\.0\/0 +10\.244\.2\.0\/24/);
    expect(commands(w)).toEqual(['node-2# iptables -D FORWARD 1']);
  });

  it('no-masquerade: the nat POSTROUTING rule that is missing on the pod\'s node', () => {
    const sim = preset('no-masquerade');
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: '8.8.8.8' });
    expect(w.kind).toBe('no-masquerade');
    expect(commands(w)).toEqual(['node-1# iptables -t nat -A POSTROUTING -s 10.244.1.0/24 ! -d 10.244.0.0/16 -j MASQUERADE']);
  });

  it('no-routes: a cloud route for the pod subnet on the router', () => {
    const sim = preset('no-routes');
    const client = sim.pods().find((p) => p.metadata.name === 'client')!.spec.nodeName!;
    const other = client === 'node-1' ? 'node-2' : 'node-1';
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: podIP(sim, other) });
    expect(w.kind).toBe('no-route');
    expect(commands(w)[0]).toMatch(/^node-\d# gcloud compute routes create k8s-node-\d --network k8s --destination-range 10\.244\.\d\.0\/24 --next-hop-address 192\.168\.56\.1\d$/);
  });

  it('host-gw-l3: routes on the router for both directions', () => {
    const sim = preset('host-gw-l3');
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: podIP(sim, 'node-2') });
    expect(w.kind).toBe('no-route');
    expect(commands(w)).toEqual([
      'node-1# gcloud compute routes create k8s-node-2 --network k8s --destination-range 10.244.2.0/24 --next-hop-address 192.168.57.12',
      'node-2# gcloud compute routes create k8s-node-1 --network k8s --destination-range 10.244.1.0/24 --next-hop-address 192.168.56.11',
    ]);
  });

  it("vagrant-flannel: every node's public-ip annotation is the NAT address; --iface=enp0s8", () => {
    const sim = preset('vagrant-flannel');
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: podIP(sim, 'node-2') });
    expect(w.kind).toBe('flannel-public-ip');
    expect(w.evidence?.line.trim()).toBe('flannel.alpha.coreos.com/public-ip: 10.0.2.15');
    expect(commands(w)[0]).toContain('"value":"--iface=enp0s8"');
    expect(commands(w)[1]).toBe('control-plane# kubectl delete pod -n kube-flannel -l app=flannel');
  });

  it('a ClusterIP pinged: explained, and nothing to fix', () => {
    const sim = Simulation.create();
    const w = whyNot(sim, { kind: 'trace', from: 'default/client', to: '10.96.0.10' });
    expect(w.kind).toBe('clusterip-icmp');
    expect(w.fix).toBeUndefined();
    expect(w.evidence?.line).toContain('-A KUBE-SERVICES -d 10.96.0.10/32 -p udp');
    expect(w.noFix).toContain('a ClusterIP never answers ping');
  });

  it('a Service without endpoints: the selector, the closest pod, and a selector patch', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl create service clusterip webx --tcp=80:80');
    const ip = sim.ctx.api.get<import('../api/types').Service>('Service', 'default', 'webx')!.spec.clusterIP!;
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to: ip, proto: 'tcp', port: 80 });
    expect(w.kind).toBe('no-endpoints');
    expect(w.cause).toContain('selects app=webx');
    expect(commands(w)).toEqual([`control-plane# kubectl patch service webx -n default --type merge -p '{"spec":{"selector":{"app":"web"}}}'`]);
    const s = explainAndTry(sim, { kind: 'service', service: 'default/webx' });
    expect(s.kind).toBe('no-endpoints');
  });

  it('Calico with a deny-all policy: the NetworkPolicy by name, fixed by an allow policy', () => {
    const sim = preset('calico');
    sim.applyManifest('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny-web\n  namespace: default\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n  - Ingress\n');
    const to = sim.pods().find((p) => p.metadata.name.startsWith('web-'))!.status!.podIP!;
    const w = explainAndTry(sim, { kind: 'trace', from: 'default/client', to });
    expect(w.kind).toBe('network-policy');
    expect(w.cause).toContain('NetworkPolicy deny-web');
    expect(w.fix?.actions[0].type).toBe('apply');
  });
});

describe('why not: pods', () => {
  const pending = (extra: string) =>
    `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: big\n  template:\n    metadata:\n      labels:\n        app: big\n    spec:\n${extra}      containers:\n      - name: c\n        image: nginx:1.27\n        resources:\n          requests:\n            cpu: "%CPU%"\n`;

  it('a nodeSelector nothing matches: NodeAffinity rejected every node; labelling one node fixes it', () => {
    const sim = Simulation.create();
    sim.applyManifest(pending('      nodeSelector:\n        disktype: ssd\n').replace('%CPU%', '100m'));
    const pod = sim.pods().find((p) => p.metadata.name.startsWith('big-'))!;
    const w = explainAndTry(sim, { kind: 'pod', pod: `default/${pod.metadata.name}` });
    expect(w.kind).toBe('unschedulable');
    expect(w.cause).toContain('NodeAffinity rejected');
    expect(commands(w)[0]).toMatch(/^control-plane# kubectl label node \S+ disktype=ssd$/);
  });

  it('requests no node has room for: lower them in the Deployment', () => {
    const sim = Simulation.create();
    sim.applyManifest(pending('').replace('%CPU%', '64'));
    const pod = sim.pods().find((p) => p.metadata.name.startsWith('big-'))!;
    const w = explainAndTry(sim, { kind: 'pod', pod: `default/${pod.metadata.name}` });
    expect(w.cause).toContain('NodeResourcesFit rejected');
    expect(commands(w)[0]).toContain('kubectl patch deployment big -n default --type json');
  });

  it('a Running pod: what its placement means for its packets', () => {
    const sim = Simulation.create();
    const pod = sim.pods().find((p) => p.spec.nodeName === 'node-2' && p.metadata.name.startsWith('web-'))!;
    const w = whyNot(sim, { kind: 'pod', pod: `default/${pod.metadata.name}`, peer: 'default/client' });
    expect(w.failed).toBe(false);
    expect(w.placement).toMatchObject({ node: 'node-2', podCIDR: '10.244.2.0/24' });
    expect(w.placement?.routes).toContainEqual({ node: 'node-1', route: '10.244.2.0/24 via 10.244.2.0 dev flannel.1 onlink' });
    expect(w.placement?.peer).toMatchObject({ pod: 'default/client', node: 'node-1', path: 'vxlan', device: 'flannel.1' });
  });

  it('a Running pod under Calico: its IPAM block, BIRD routes, IP-in-IP from another node', () => {
    const sim = preset('calico');
    const client = sim.pods().find((p) => p.metadata.name === 'client')!;
    const peer = sim.pods().find((p) => p.metadata.name.startsWith('web-') && p.spec.nodeName !== client.spec.nodeName)!;
    const w = whyNot(sim, { kind: 'pod', pod: 'default/client', peer: `default/${peer.metadata.name}` });
    expect(w.placement).toMatchObject({ ipamBlock: true, podCIDR: expect.stringMatching(/\/26$/) });
    expect(w.placement?.peer).toMatchObject({ path: 'ipip', device: 'tunl0' });
  });

  it('cordoned workers: NodeUnschedulable, fixed by uncordoning one', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl cordon node-1');
    sim.exec('control-plane', 'kubectl cordon node-2');
    sim.exec('control-plane', 'kubectl run lonely --image=nginx:1.27');
    const w = explainAndTry(sim, { kind: 'pod', pod: 'default/lonely' });
    expect(w.cause).toContain('NodeUnschedulable rejected node-1, node-2');
    expect(commands(w)).toEqual(['control-plane# kubectl uncordon node-1']);
  });
});

describe('why not: pods that do not start', () => {
  it("flannel-network-mismatch: net-conf.json's Network against the node's podCIDR; patch it and restart flanneld", () => {
    const sim = preset('flannel-network-mismatch');
    const w = explainAndTry(sim, { kind: 'pod', pod: 'default/client' });
    expect(w.cause).toContain('"Network": "10.245.0.0/16"');
    expect(w.evidence?.line).toContain('FailedCreatePodSandBox');
    expect(commands(w)[0]).toContain('kubectl patch configmap kube-flannel-cfg -n kube-flannel --type merge');
  });

  it('no-cni: the nodes are NotReady; nothing to patch in the pod', () => {
    const sim = preset('no-cni');
    sim.exec('control-plane', 'kubectl run p --image=nginx:1.27');
    const w = whyNot(sim, { kind: 'pod', pod: 'default/p' });
    expect(w.kind).toBe('unschedulable');
    expect(w.cause).toContain('NetworkReady=false');
    expect(w.fix).toBeUndefined();
  });
});

describe('why not: names', () => {
  it('a timeout: CoreDNS scaled to 0 leaves kube-dns without endpoints; scale it back up', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl scale deployment coredns -n kube-system --replicas=0');
    const w = explainAndTry(sim, { kind: 'dns', from: 'default/client', name: 'kubernetes' });
    expect(w.kind).toBe('dns');
    expect(w.cause).toContain('a timeout, not NXDOMAIN');
    expect(w.evidence?.line).toBe(';; connection timed out; no servers could be reached');
    expect(commands(w)[0]).toBe('control-plane# kubectl scale deployment coredns -n kube-system --replicas=2');
  });

  it('NXDOMAIN: CoreDNS answered; the similar names are listed, nothing to apply', () => {
    const sim = Simulation.create();
    const w = whyNot(sim, { kind: 'dns', from: 'default/client', name: 'kube-dnz' });
    expect(w.failed).toBe(true);
    expect(w.cause).toContain('CoreDNS answered NXDOMAIN');
    expect(w.details).toContain('similar: kube-dns.kube-system.svc.cluster.local');
    expect(w.fix).toBeUndefined();
  });
});
