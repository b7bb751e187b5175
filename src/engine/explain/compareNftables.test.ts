import { describe, expect, it } from 'vitest';
import type { Service } from '../api/types';
import { defaultScenario } from '../scenario/defaults';
import { Simulation } from '../sim/simulation';
import { compareDataplanes, STANDARD_COMPARISONS } from './compare';

function withService(): { sim: Simulation; cip: string } {
  const sim = Simulation.create(defaultScenario());
  expect(sim.exec('control-plane', 'kubectl expose deployment web --port=80').exitCode).toBe(0);
  sim.sleep(2000);
  return { sim, cip: sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP! };
}

const variants = (id: string) => STANDARD_COMPARISONS.find((c) => c.id === id)!.variants;

describe('compare kube-proxy iptables ↔ nftables', () => {
  it('a ping to a ClusterIP: no rule in iptables mode, rejected by cluster-ips-check in nftables mode; the rules shown are nft list ruleset', () => {
    const { sim, cip } = withService();
    const hash = sim.stateHash();
    const c = compareDataplanes(sim, variants('kube-proxy-nftables'), { from: 'default/client', to: cip });
    expect(sim.stateHash()).toBe(hash);
    expect(c.a.trace).toMatchObject({ outcome: 'dropped', replied: false });
    expect(c.a.rulesCommand).toBe('iptables-save');
    expect(c.b.trace!.icmpError).toMatchObject({ type: 'port-unreachable' });
    expect(c.b.verdict).toMatchObject({
      kind: 'rejected',
      host: 'node-1',
      stage: 'kube-proxy/filter-forward',
      rule: 'add rule ip kube-proxy cluster-ips-check ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"',
    });
    expect(c.b.rulesCommand).toBe('nft list ruleset');
    expect(c.b.iptables).toContain('table ip kube-proxy {');
    expect(c.iptables.filter((l) => l.op === '+').map((l) => l.text)).toContain('\t\tip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"');
    expect(c.steps).toContainEqual(expect.objectContaining({ op: '+', text: expect.stringContaining('kube-proxy/filter-forward\tnft ip kube-proxy filter-forward (hook forward, priority -110): REJECT by nft ip kube-proxy chain cluster-ips-check rule 1') }));
  });

  it('a TCP connection to the ClusterIP: KUBE-SERVICES → KUBE-SVC → KUBE-SEP in iptables, one verdict-map lookup in nftables; both answered', () => {
    const { sim, cip } = withService();
    const c = compareDataplanes(sim, variants('ipvs-nftables'), { from: 'default/client', to: cip, proto: 'tcp', port: 80 });
    expect(c.a.trace!.replied).toBe(true);
    expect(c.b.trace!.replied).toBe(true);
    const dnat = c.b.trace!.steps.find((s) => s.stage === 'kube-proxy/nat-prerouting')!;
    expect(dnat.summary).toMatch(new RegExp(`services: ${cip.replace(/\./g, '\\.')} \\. tcp \\. 80 : goto service-[A-Z2-7]{8}-default/web/tcp/ → `));
    expect(c.b.verdict?.kind).toBe('answered');
  });
});
