import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { Simulation } from '../../sim/simulation';

export const DENY_ALL = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
`;

describe('NetworkPolicy with flannel', () => {
  it('is stored and listed, but the packet is delivered, with a note saying flannel does not enforce it', () => {
    const sim = Simulation.create();
    expect(sim.applyManifest(DENY_ALL).output).toBe('networkpolicy.networking.k8s.io/deny-all created');
    expect(sim.exec('control-plane', 'kubectl get netpol').output).toMatch(/^NAME\s+POD-SELECTOR\s+AGE\ndeny-all\s+<none>\s+\d+s$/);
    expect(sim.exec('control-plane', 'kubectl describe networkpolicy deny-all').output).toContain(
      ['Spec:', '  PodSelector:     <none> (Allowing the specific traffic to all pods in this namespace)', '  Allowing ingress traffic:', '    <none> (Selected pods are isolated for ingress connectivity)', '  Not affecting egress traffic', '  Policy Types: Ingress'].join('\n'),
    );
    expect(sim.exec('control-plane', 'kubectl describe networkpolicy deny-all').output).not.toContain('Events:');
    const web = (sim.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.labels?.app === 'web' && p.spec.nodeName === 'node-2')!;
    const t = sim.trace('client', web.status!.podIP!, { proto: 'tcp', port: 80 });
    expect(t.outcome).toBe('delivered');
    expect(t.replied).toBe(true);
    expect(t.notes).toEqual([`NetworkPolicy default/deny-all selects default/${web.metadata.name} for ingress and would not allow this packet, but flannel does not enforce NetworkPolicy: the packet is delivered`]);
  });

  it('rejects an invalid policy with the apiserver message', () => {
    const sim = Simulation.create();
    const bad = DENY_ALL.replace('podSelector: {}', 'podSelector: {}\n  ingress:\n  - from:\n    - ipBlock:\n        cidr: 10.0.0.0/8\n        except: [192.168.0.0/16]');
    const r = sim.applyManifest(bad);
    expect(r.exitCode).toBe(1);
    expect(r.output).toContain('spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "192.168.0.0/16": must be a strict subset of `cidr`');
  });
});
