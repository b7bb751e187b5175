import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import { presetById } from '../scenario/presets';
import { validateScenario } from '../scenario/validate';
import { Simulation } from '../sim/simulation';
import { presetWithServices } from './testCluster';

let sim: Simulation;
let cip: string;
beforeAll(() => {
  ({ sim, cip } = presetWithServices('nftables'));
});

const re = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

describe('kube-proxy in nftables mode', () => {
  it('the scenario accepts mode nftables, kube-proxy\'s ConfigMap says so, and a bad mode is named', () => {
    expect(sim.exec('control-plane', 'kubectl -n kube-system get cm kube-proxy -o yaml').output).toContain('mode: "nftables"');
    const { scenario } = presetById('nftables')!.build();
    expect(() => validateScenario({ ...scenario, cluster: { ...scenario.cluster, kubeProxyMode: 'nft' } })).toThrow(/kubeProxyMode: "nft" is not a kube-proxy mode; must be "iptables", "ipvs" or "nftables"/);
  });

  it('writes table ip kube-proxy and no KUBE-SVC chains in iptables', () => {
    const nat = sim.exec('node-1', 'iptables-save -t nat').output;
    expect(nat).not.toMatch(/KUBE-/);
    const map = sim.exec('node-1', 'nft list map ip kube-proxy service-ips').output;
    expect(map).toMatch(new RegExp(`${re(cip)} \\. tcp \\. 80 : goto service-[A-Z2-7]{8}-default/web/tcp/`));
    expect(sim.exec('node-2', 'nft list map ip kube-proxy service-nodeports').output).toMatch(/tcp \. 30080 : goto external-[A-Z2-7]{8}-default\/web\/tcp\//);
    const ruleset = sim.exec('node-1', 'nft list ruleset').output;
    expect(ruleset).toMatch(/^table ip filter \{\n\tchain FORWARD \{\n\t\ttype filter hook forward priority filter; policy accept;/);
    expect(ruleset).toContain('table ip kube-proxy {\n\tcomment "rules for kube-proxy"\n\tset cluster-ips {');
    expect(sim.exec('node-1', 'nft list tables').output).toBe('table ip filter\ntable ip nat\ntable ip kube-proxy');
  });

  it('pod → ClusterIP → pod: one vmap lookup in nat-prerouting DNATs, the reply is un-NATed by conntrack', () => {
    const t = sim.trace('default/client', cip, { proto: 'tcp', port: 80 });
    expect(t.replied).toBe(true);
    expect(t.refused).toBeFalsy();
    const dnat = t.steps.find((s) => s.stage === 'kube-proxy/nat-prerouting')!;
    expect(dnat.summary).toMatch(new RegExp(`^nft ip kube-proxy nat-prerouting \\(hook prerouting, priority dstnat\\): DNAT ${re(cip)}:80 → 10\\.244\\.\\d\\.\\d+:80 .*services: ${re(cip)} \\. tcp \\. 80 : goto service-`));
    expect(dnat.decidedBy).toMatch(/^add rule ip kube-proxy endpoint-[A-Z2-7]{8}-default\/web\/tcp\/__10\.244\.\d\.\d+\/80 meta l4proto tcp dnat to 10\.244\.\d\.\d+:80$/);
    expect(t.steps.at(-1)!.before.ip.src).toBe(cip);
  });

  it('numgen spreads new connections over the endpoints', () => {
    const picks = new Set(Array.from({ length: 12 }, () => sim.trace('default/client', cip, { proto: 'tcp', port: 80 }).steps.find((s) => s.stage === 'kube-proxy/nat-prerouting')!.after.ip.dst));
    expect(picks.size).toBe(3);
  });

  it('sessionAffinity ClientIP: the affinity set sends one client back to its endpoint', () => {
    const sticky = sim.ctx.api.get<Service>('Service', 'default', 'sticky')!.spec.clusterIP!;
    const picks = Array.from({ length: 4 }, () => sim.trace('default/client', sticky, { proto: 'tcp', port: 8080 }).steps.find((s) => s.stage === 'kube-proxy/nat-prerouting')!);
    expect(new Set(picks.map((p) => p.after.ip.dst)).size).toBe(1);
    expect(picks[1].summary).toMatch(/: ip saddr @affinity-[A-Z2-7]{8}-default\/sticky\/tcp\/__10\.244\.\d\.\d+\/80 goto endpoint-/);
    const client = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!;
    const list = sim.exec(client.spec.nodeName!, 'nft list ruleset').output;
    expect(list).toMatch(new RegExp(`\tset affinity-[A-Z2-7]{8}-default/sticky/tcp/__10\\.244\\.\\d\\.\\d+/80 \\{\n\t\ttype ipv4_addr\n\t\tflags dynamic,timeout\n\t\ttimeout 3h\n\t\telements = \\{ ${re(client.status!.podIP!)} timeout 3h expires \\d`));
  });

  it('a ping to a ClusterIP is rejected by cluster-ips-check, and the trace names the rule', () => {
    const t = sim.trace('default/client', cip);
    expect(t.icmpError?.type).toBe('port-unreachable');
    const rej = t.steps.find((s) => s.decidedBy === 'add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"')!;
    expect(rej.stage).toBe('kube-proxy/filter-forward');
    expect(rej.summary).toContain('filter-forward: ct state new jump cluster-ips-check → cluster-ips-check: ip daddr @cluster-ips reject');
  });

  it('a ClusterIP no Service holds is dropped by cluster-ips-check\'s second rule', () => {
    const t = sim.trace('default/client', '10.96.77.77', { proto: 'tcp', port: 80 });
    expect(t.outcome).toBe('dropped');
    expect(t.reason).toBe('DROP by nft ip kube-proxy chain cluster-ips-check rule 2 in node-1 (FORWARD)'.replace('node-1', t.steps.find((s) => s.stage.startsWith('kube-proxy/'))!.host));
    expect(t.steps.at(-1)!.decidedBy).toBe('add rule ip kube-proxy cluster-ips-check ip daddr 10.96.0.0/12 drop comment "Drop traffic to unallocated ClusterIPs"');
  });

  it('NodePort works via every node; an off-cluster source (a node\'s own address) is masqueraded', () => {
    for (const node of ['192.168.56.10', '192.168.56.11', '192.168.56.12']) {
      expect(sim.exec('node-1', `curl -s http://${node}:30080`).output, node).toContain('Welcome to nginx!');
      const t = sim.probes.at(-1)!.trace;
      const np = t.steps.find((s) => s.leg === 'request' && /^kube-proxy\/nat-(prerouting|output)$/.test(s.stage))!;
      expect(np.summary).toMatch(new RegExp(`services: tcp \\. 30080 : goto external-[A-Z2-7]{8}-default/web/tcp/ → external-[A-Z2-7]{8}-default/web/tcp/: jump mark-for-masquerade`));
      const deliver = t.steps.find((s) => s.leg === 'request' && s.stage === 'deliver')!;
      const masq = t.steps.find((s) => s.leg === 'request' && s.stage === 'kube-proxy/nat-postrouting');
      // Masqueraded where the packet left for a pod on another node; the pod never sees 192.168.56.11.
      if (deliver.host !== masq?.host) expect(masq?.summary).toMatch(/MASQUERADE 192\.168\.56\.11 → /);
    }
  });

  it('a Service without endpoints is rejected through @no-endpoint-services', () => {
    sim.exec('control-plane', 'kubectl create service clusterip nobody --tcp=80:80');
    sim.sleep(2000);
    const ip = sim.ctx.api.get<Service>('Service', 'default', 'nobody')!.spec.clusterIP!;
    const t = sim.trace('default/client', ip, { proto: 'tcp', port: 80 });
    expect(t.refused).toBe(true);
    expect(t.steps.some((s) => s.decidedBy === 'add rule ip kube-proxy reject-chain reject')).toBe(true);
    expect(sim.exec('node-1', 'nft list map ip kube-proxy no-endpoint-services').output).toContain(`${ip} . tcp . 80 comment "default/nobody:80-80" : goto reject-chain`);
  });

  it('nft answers bad arguments as nft does', () => {
    expect(sim.exec('node-1', 'nft list table ip kube-prox').output).toBe('Error: No such file or directory; did you mean table ‘kube-proxy’ in family ip?\nlist table ip kube-prox\n              ^^^^^^^^^');
    expect(sim.exec('node-1', 'nft list chain ip kube-proxy servics').output).toBe('Error: No such file or directory; did you mean chain ‘services’ in table ip ‘kube-proxy’?\nlist chain ip kube-proxy servics\n                         ^^^^^^^');
    expect(sim.exec('node-1', 'nft lsit ruleset').output).toBe('Error: syntax error, unexpected string\nlsit ruleset\n^^^^');
    expect(sim.exec('default/client', 'nft list ruleset').output).toBe('sh: nft: not found');
  });

  it('changes no other scenario: iptables mode has no nft tables', () => {
    const other = Simulation.create(presetById('ipvs')!.build().scenario);
    expect([...other.ctx.net.namespaces.values()].some((n) => n.nft)).toBe(false);
  });
});
