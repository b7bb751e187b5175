import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { calicoSim } from './testing';
import { Simulation } from '../../sim/simulation';

const np = (name: string, spec: string, ns = 'default'): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
${spec.replace(/^/gm, '  ')}
`;
const busybox = (name: string, labels: string, ns = 'default'): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  namespace: ${ns}
  labels: {${labels}}
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: ["sleep", "infinity"]
`;

function setup(): { sim: Simulation; web: string; webPod: Pod } {
  const sim = calicoSim();
  const r = sim.applyManifest(`apiVersion: v1\nkind: Namespace\nmetadata:\n  name: monitoring\n  labels: {team: ops}\n---\n${busybox('other', 'app: other')}---\n${busybox('prom', 'app: client', 'monitoring')}`);
  expect(r.exitCode).toBe(0);
  sim.sleep(30_000);
  const webPod = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.labels?.app === 'web')!;
  return { sim, web: webPod.status!.podIP!, webPod };
}

const tcp80 = (sim: Simulation, from: string, to: string) => sim.trace(from, to, { proto: 'tcp', port: 80 });

describe('felix enforces NetworkPolicy', () => {
  it('deny-all drops at "Drop if no policies passed packet", and the trace names the policy', () => {
    const { sim, web, webPod } = setup();
    expect(tcp80(sim, 'client', web).replied).toBe(true);
    sim.applyManifest(np('deny-all', 'podSelector: {}'));
    const t = tcp80(sim, 'client', web);
    expect(t.outcome).toBe('dropped');
    const drop = t.steps.at(-1)!;
    expect(drop.stage).toBe('filter/FORWARD');
    expect(drop.decidedBy).toMatch(/^-A cali-tw-cali[0-9a-f]{11} -m comment --comment "cali:[A-Za-z0-9_-]{16}" -m mark --mark 0x0\/0x20000 -m comment --comment "End of tier default\. Drop if no policies passed packet" -j DROP$/);
    expect(t.notes?.[0]).toContain(`(ingress of default/${webPod.metadata.name}): NetworkPolicy default/deny-all selects this pod, and no ingress rule of it allows TCP port 80 from`);
    // The chains and the policy chain are there to read.
    const save = sim.exec(webPod.spec.nodeName!, 'iptables-save -t filter').output;
    expect(save).toMatch(/^:cali-pi-_[A-Za-z0-9_-]{19} - \[0:0\]$/m);
    expect(save).toMatch(/^-A cali-FORWARD -i cali\+ -m comment --comment "cali:[^"]+" -j cali-from-wl-dispatch$/m);
    // Deleting the policy opens the path again.
    sim.exec('control-plane', 'kubectl delete networkpolicy deny-all');
    expect(tcp80(sim, 'client', web).replied).toBe(true);
  });

  it('allow from app=client lets exactly the selected pods of the namespace through; replies pass by conntrack', () => {
    const { sim, web } = setup();
    sim.applyManifest(np('allow-client', 'podSelector:\n  matchLabels: {app: web}\npolicyTypes: [Ingress, Egress]\ningress:\n- from:\n  - podSelector:\n      matchLabels: {app: client}\n  ports:\n  - port: 80'));
    const ok = tcp80(sim, 'client', web);
    expect(ok.replied).toBe(true);
    expect(ok.steps.filter((s) => s.stage === 'filter/FORWARD').map((s) => s.summary)).toContain('iptables filter FORWARD: ACCEPT — allowed by Policy default/knp.default.allow-client ingress');
    expect(tcp80(sim, 'other', web).outcome).toBe('dropped');
    expect(tcp80(sim, 'monitoring/prom', web).outcome).toBe('dropped');
    expect(sim.trace('client', web, { proto: 'tcp', port: 443 }).outcome).toBe('dropped');
    expect(sim.trace('client', web).outcome).toBe('dropped');
    const node = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.status?.podIP === web)!.spec.nodeName!;
    expect(sim.exec(node, 'ipset list').output).toMatch(/Name: cali40s:[A-Za-z0-9_-]{22}\nType: hash:net\nRevision: 7\nHeader: family inet hashsize 1024 maxelem 1048576 bucketsize 12 initval 0x[0-9a-f]{8}\nSize in memory: \d+\nReferences: 1\nNumber of entries: 1\nMembers:\n10\.244\.\d+\.\d+$/);
  });

  it('namespaceSelector admits the pods of matching namespaces only', () => {
    const { sim, web } = setup();
    sim.applyManifest(np('from-ops', 'podSelector: {}\ningress:\n- from:\n  - namespaceSelector:\n      matchLabels: {team: ops}'));
    expect(tcp80(sim, 'monitoring/prom', web).replied).toBe(true);
    expect(tcp80(sim, 'client', web).outcome).toBe('dropped');
  });

  it('ipBlock with except', () => {
    const { sim, web } = setup();
    const client = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.name === 'client')!.status!.podIP!;
    sim.applyManifest(np('from-pods', `podSelector: {}\ningress:\n- from:\n  - ipBlock:\n      cidr: 10.244.0.0/16\n      except: [${client}/32]`));
    expect(tcp80(sim, 'other', web).replied).toBe(true);
    expect(tcp80(sim, 'client', web).outcome).toBe('dropped');
  });

  it('egress deny blocks DNS too, until port 53 is allowed', () => {
    const { sim } = setup();
    const dns = (): ReturnType<Simulation['trace']> => sim.trace('client', '10.96.0.10', { proto: 'udp', port: 53 });
    expect(dns().outcome).toBe('delivered');
    sim.applyManifest(np('deny-egress', 'podSelector:\n  matchLabels: {app: client}\npolicyTypes: [Egress]'));
    const t = dns();
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toMatch(/cali-fw-cali[0-9a-f]{11}/);
    expect(sim.exec('default/client', 'nslookup kubernetes.default').exitCode).not.toBe(0);
    sim.applyManifest(np('allow-dns', 'podSelector:\n  matchLabels: {app: client}\npolicyTypes: [Egress]\negress:\n- ports:\n  - {protocol: UDP, port: 53}\n  - {protocol: TCP, port: 53}'));
    expect(dns().outcome).toBe('delivered');
  });

  it('replaying the action log reproduces the state byte for byte (IPAM, felix chains, ipsets)', () => {
    const { sim: a, web } = setup();
    a.applyManifest(np('deny-all', 'podSelector: {}'));
    tcp80(a, 'client', web);
    a.exec('control-plane', 'kubectl delete pod other');
    a.sleep(5000);
    const b = Simulation.replay(a.scenario, a.actions);
    expect(b.stateHash()).toBe(a.stateHash());
  });

  it('named ports and port ranges', () => {
    const { sim } = setup();
    sim.applyManifest(`apiVersion: v1\nkind: Pod\nmetadata:\n  name: api\n  labels: {app: api}\nspec:\n  containers:\n  - name: nginx\n    image: nginx:1.27\n    ports:\n    - {name: http, containerPort: 80}\n`);
    sim.sleep(30_000);
    const api = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.name === 'api')!.status!.podIP!;
    sim.applyManifest(np('api-http', 'podSelector:\n  matchLabels: {app: api}\ningress:\n- ports:\n  - port: http\n  - {port: 8000, endPort: 8080}'));
    expect(tcp80(sim, 'client', api).replied).toBe(true);
    const node = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.name === 'api')!.spec.nodeName!;
    expect(sim.exec(node, 'ipset list').output).toContain(`Type: hash:ip,port`);
    expect(sim.exec(node, 'iptables-save -t filter').output).toMatch(/-p tcp -m comment --comment "cali:[^"]+" -m comment --comment "Policy default\/knp\.default\.api-http ingress" -m multiport --dports 8000:8080 -j MARK --set-xmark 0x10000\/0x10000/);
    expect(sim.trace('client', api, { proto: 'tcp', port: 8080 }).outcome).toBe('delivered');
    expect(sim.trace('client', api, { proto: 'tcp', port: 443 }).outcome).toBe('dropped');
  });
});
