import { beforeAll, describe, expect, it } from 'vitest';
import type { Service } from '../api/types';
import { emptyIpvs, formatIpvsadm, schedule, syncIpvs } from '../net/ipvs';
import type { Simulation } from '../sim/simulation';
import { presetWithServices } from './testCluster';

let sim: Simulation;
let cip: string;
beforeAll(() => {
  ({ sim, cip } = presetWithServices('ipvs'));
});

describe('IPVS table and ipvsadm', () => {
  it('prints ipvsadm -Ln and --stats in ipvsadm\'s columns, sorted, persistent shown', () => {
    const st = emptyIpvs();
    syncIpvs(st, [
      { proto: 'UDP', address: '10.96.0.10', port: 53, servers: [{ address: '10.244.0.2', port: 53 }] },
      { proto: 'TCP', address: '10.96.0.10', port: 53, servers: [{ address: '10.244.0.2', port: 53 }] },
      { proto: 'TCP', address: '10.96.0.1', port: 443, persistent: 10800, servers: [{ address: '192.168.56.10', port: 6443 }] },
    ]);
    schedule(st.services[1], '10.244.1.2', 1000, 60);
    expect(formatIpvsadm(st, { now: 2000 })).toBe(
      [
        'IP Virtual Server version 1.2.1 (size=4096)',
        'Prot LocalAddress:Port Scheduler Flags',
        '  -> RemoteAddress:Port           Forward Weight ActiveConn InActConn',
        'TCP  10.96.0.1:443 rr persistent 10800',
        '  -> 192.168.56.10:6443           Masq    1      0          0         ',
        'TCP  10.96.0.10:53 rr',
        '  -> 10.244.0.2:53                Masq    1      0          1         ',
        'UDP  10.96.0.10:53 rr',
        '  -> 10.244.0.2:53                Masq    1      0          0         ',
      ].join('\n'),
    );
    expect(formatIpvsadm(st, { now: 2000, stats: true }).split('\n').slice(1, 6)).toEqual([
      'Prot LocalAddress:Port               Conns   InPkts  OutPkts  InBytes OutBytes',
      '  -> RemoteAddress:Port',
      'TCP  10.96.0.1:443                       0        0        0        0        0',
      '  -> 192.168.56.10:6443                  0        0        0        0        0',
      'TCP  10.96.0.10:53                       1        1        0       60        0',
    ]);
  });

  it('binds every ClusterIP to kube-ipvs0 (a down dummy) and lists the virtual servers', () => {
    const addr = sim.exec('node-1', 'ip addr show kube-ipvs0').output.split('\n');
    expect(addr[0]).toMatch(/^\d+: kube-ipvs0: <BROADCAST,NOARP> mtu 1500 qdisc noop state DOWN group default $/);
    expect(addr).toContain(`    inet ${cip}/32 scope global kube-ipvs0`);
    expect(addr).toContain('    inet 10.96.0.1/32 scope global kube-ipvs0');
    const list = sim.exec('node-1', 'ipvsadm -Ln').output.split('\n');
    expect(list).toContain(`TCP  ${cip}:80 rr`);
    expect(list).toContain('TCP  192.168.56.11:30080 rr');
    expect(list.filter((l) => /^ {2}-> 10\.244\.\d\.\d+:80 +Masq {4}1 {6}0 +0 +$/.test(l)).length).toBeGreaterThanOrEqual(6);
    expect(list.some((l) => / rr persistent 10800$/.test(l))).toBe(true);
  });

  it('keeps only ipset-matching iptables rules', () => {
    const nat = sim.exec('node-2', 'iptables-save -t nat').output;
    expect(nat).toContain('-A KUBE-SERVICES ! -s 10.244.0.0/16 -m comment --comment "Kubernetes service cluster ip + port for masquerade purpose" -m set --match-set KUBE-CLUSTER-IP dst,dst -j KUBE-MARK-MASQ');
    expect(nat).toContain('-A KUBE-POSTROUTING -m comment --comment "Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose" -m set --match-set KUBE-LOOP-BACK dst,dst,src -j MASQUERADE');
    expect(nat).not.toMatch(/KUBE-(SVC|SEP)-/);
    const sets = sim.ctx.net.namespaces.get('node-2')!.ipsets!;
    expect(sets['KUBE-CLUSTER-IP'].members).toContain(`${cip},tcp:80`);
    expect(sets['KUBE-NODE-PORT-TCP'].members).toEqual(['30080']);
  });

  it('a ClusterIP connection: local on kube-ipvs0, IPVS picks a real server at LOCAL_IN, the reply is un-NATed', () => {
    const t = sim.trace('default/client', cip, { proto: 'tcp', port: 80 });
    expect(t.replied).toBe(true);
    expect(t.refused).toBeFalsy();
    const local = t.steps.find((s) => s.leg === 'request' && s.decidedBy?.startsWith(`local ${cip} dev kube-ipvs0`));
    expect(local).toBeDefined();
    const ipvs = t.steps.find((s) => s.stage === 'ipvs')!;
    expect(ipvs.summary).toMatch(new RegExp(`^IPVS LOCAL_IN: virtual service TCP ${cip.replace(/\./g, '\\.')}:80 → real server 10\\.244\\.\\d\\.\\d+:80 \\(Masq; rr: `));
    expect(ipvs.after.ip.dst).toMatch(/^10\.244\./);
    expect(t.steps.at(-1)!.before.ip.src).toBe(cip);
  });

  it('rr hands out the real servers in turn', () => {
    const picks = Array.from({ length: 6 }, () => sim.trace('default/client', cip, { proto: 'tcp', port: 80 }).steps.find((s) => s.stage === 'ipvs')!.after.ip.dst);
    expect(picks.slice(3)).toEqual(picks.slice(0, 3));
    expect(new Set(picks.slice(0, 3)).size).toBe(3);
  });

  it('sessionAffinity ClientIP is IPVS persistence: one client keeps its real server', () => {
    const sticky = sim.ctx.api.get<Service>('Service', 'default', 'sticky')!.spec.clusterIP!;
    const picks = Array.from({ length: 4 }, () => sim.trace('default/client', sticky, { proto: 'tcp', port: 8080 }).steps.find((s) => s.stage === 'ipvs')!);
    expect(new Set(picks.map((p) => p.after.ip.dst)).size).toBe(1);
    expect(picks[1].summary).toContain('persistent 10800: 10.244.');
  });

  it('NodePorts are virtual servers on the node address; ping to a ClusterIP is refused by KUBE-IPVS-FILTER', () => {
    expect(sim.exec('node-2', 'curl -s http://192.168.56.11:30080').output).toContain('Welcome to nginx!');
    const t = sim.trace('default/client', cip);
    expect(t.icmpError?.type).toBe('port-unreachable');
    expect(t.steps.some((s) => s.decidedBy?.startsWith('-A KUBE-IPVS-FILTER -m conntrack --ctstate NEW -m set --match-set KUBE-IPVS-IPS dst -j REJECT'))).toBe(true);
    const stats = sim.exec('node-1', `ipvsadm -Ln --stats -t ${cip}:80`).output.split('\n');
    expect(stats[3]).toMatch(new RegExp(`^TCP  ${cip.replace(/\./g, '\\.')}:80 +\\d+ +\\d+ +[1-9]\\d* `));
  });

  it('a LoadBalancer with externalTrafficPolicy Local: the NodePort virtual server has only local real servers, the pod sees the client', () => {
    sim.exec('control-plane', 'kubectl expose deployment web --name=shop --type=LoadBalancer --port=80');
    sim.exec('control-plane', `kubectl patch svc shop -p '{"spec":{"externalTrafficPolicy":"Local"}}'`);
    sim.sleep(2000);
    const svc = sim.ctx.api.get<Service>('Service', 'default', 'shop')!;
    expect(svc.spec.healthCheckNodePort).toBeGreaterThan(0);
    const np = svc.spec.ports![0].nodePort!;
    const vs = sim.exec('node-1', `ipvsadm -Ln -t 192.168.56.11:${np}`).output.split('\n').slice(3);
    expect(vs[0]).toBe(`TCP  192.168.56.11:${np} rr`);
    expect(vs.slice(1).every((l) => l.startsWith('  -> 10.244.1.'))).toBe(true);
    expect(sim.exec('internet', 'curl -s http://203.0.113.100/').output).toContain('Welcome to nginx!');
    const deliver = sim.probes.at(-1)!.trace.steps.find((s) => s.leg === 'request' && s.stage === 'deliver')!;
    expect(deliver.before.ip.src).toBe('203.0.113.1');
    expect(sim.ctx.net.namespaces.get('node-1')!.ipsets!['KUBE-NODE-PORT-LOCAL-TCP'].members).toContain(String(np));
  });
});
