import { beforeAll, describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import { parseRule, ruleMatches, type PacketView } from '../net/iptables';
import { Simulation } from '../sim/simulation';

const SVC = `apiVersion: v1
kind: Service
metadata:
  name: sticky
spec:
  selector:
    app: web
  sessionAffinity: ClientIP
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: web-headless
spec:
  clusterIP: None
  selector:
    app: web
  ports:
  - port: 80
---
apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  type: ExternalName
  externalName: db.example.com
`;

let sim: Simulation;
let cip: string;
beforeAll(() => {
  sim = Simulation.create();
  sim.applyManifest(SVC);
  sim.sleep(2000);
  cip = sim.ctx.api.get<Service>('Service', 'default', 'sticky')!.spec.clusterIP!;
});

const picked = (t: ReturnType<Simulation['trace']>): string => t.steps.find((s) => s.summary.includes('DNAT'))!.after.ip.dst;

describe('sessionAffinity: ClientIP (iptables mode)', () => {
  it('defaults the timeout to 10800 seconds and writes -m recent checks and sets', () => {
    expect(sim.ctx.api.get<Service>('Service', 'default', 'sticky')!.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
    const nat = sim.exec('node-1', 'iptables-save -t nat').output.split('\n');
    const checks = nat.filter((l) => l.includes('--rcheck'));
    expect(checks).toHaveLength(3);
    expect(checks[0]).toMatch(/^-A KUBE-SVC-[A-Z2-7]{16} -m comment --comment "default\/sticky -> 10\.244\.\d\.\d+:80" -m recent --rcheck --seconds 10800 --reap --name (KUBE-SEP-[A-Z2-7]{16}) --mask 255\.255\.255\.255 --rsource -j \1$/);
    const sets = nat.filter((l) => l.includes('--set'));
    expect(sets[0]).toMatch(/^-A (KUBE-SEP-[A-Z2-7]{16}) -p tcp -m comment --comment "default\/sticky" -m recent --set --name \1 --mask 255\.255\.255\.255 --rsource -m tcp -j DNAT --to-destination 10\.244\.\d\.\d+:80$/);
  });

  it('one client sticks to one endpoint: the first pick is remembered per endpoint chain', () => {
    const first = picked(sim.trace('default/client', cip, { proto: 'tcp', port: 80 }));
    for (let i = 0; i < 10; i++) expect(picked(sim.trace('default/client', cip, { proto: 'tcp', port: 80 }))).toBe(first);
    const node = sim.ctx.net.namespaces.get(sim.ctx.api.get<Pod>('Pod', 'default', 'client')!.spec.nodeName!)!;
    const lists = Object.entries(node.recent ?? {}).filter(([, l]) => Object.keys(l).length > 0);
    expect(lists).toHaveLength(1);
    expect(Object.keys(lists[0][1])).toEqual([sim.ctx.api.get<Pod>('Pod', 'default', 'client')!.status!.podIP]);
  });
});

describe('xt_recent', () => {
  const view = (src: string, now: number, lists: Record<string, Record<string, number>>): PacketView => ({ src, dst: '10.96.0.5', proto: 'tcp', dport: 80, length: 60, ctstate: 'NEW', mark: 0, isLocal: () => false, random: () => 0.5, recent: () => lists, now });
  it('--rcheck matches a source seen within --seconds; --reap forgets older ones', () => {
    const lists: Record<string, Record<string, number>> = {};
    const check = parseRule(['-m', 'recent', '--name', 'KUBE-SEP-X', '--rcheck', '--seconds', '10', '--reap', '-j', 'KUBE-SEP-X'], 'nat');
    const set = parseRule(['-m', 'recent', '--name', 'KUBE-SEP-X', '--set', '-j', 'ACCEPT'], 'nat');
    expect(ruleMatches(check, view('10.244.1.5', 0, lists))).toBe(false);
    expect(ruleMatches(set, view('10.244.1.5', 1000, lists))).toBe(true);
    expect(ruleMatches(check, view('10.244.1.5', 11_000, lists))).toBe(true);
    expect(ruleMatches(check, view('10.244.2.7', 11_000, lists))).toBe(false);
    expect(ruleMatches(check, view('10.244.1.5', 11_001, lists))).toBe(false);
    expect(lists['KUBE-SEP-X']).toEqual({});
  });
});

describe('headless and ExternalName Services', () => {
  it('get no kube-proxy rules at all', () => {
    const all = sim.exec('node-2', 'iptables-save').output;
    expect(all).not.toContain('web-headless');
    expect(all).not.toContain('default/db');
  });
});
