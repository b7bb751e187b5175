import { describe, expect, it } from 'vitest';
import { presetById } from '../scenario/presets';
import { Simulation } from '../sim/simulation';
import { whyNot } from './whyNot';

/** A preset with a web Service; the Why? of a ping to its ClusterIP. */
function pingWhy(preset: string) {
  const sim = Simulation.create(presetById(preset)!.build().scenario);
  sim.exec('control-plane', 'kubectl expose deployment web --port=80');
  sim.sleep(2000);
  const cip = (sim.ctx.api.get('Service', 'default', 'web') as { spec: { clusterIP: string } }).spec.clusterIP;
  return whyNot(sim, { kind: 'trace', from: 'default/client', to: cip });
}

describe('Why? for a pinged ClusterIP names what each kube-proxy mode does', () => {
  it('ipvs (v1.34): KUBE-IPVS-FILTER rejects it on the node that owns the VIP', () => {
    const w = pingWhy('ipvs');
    expect(w.kind).toBe('clusterip-icmp');
    expect(w.cause).toContain('since Kubernetes 1.27 KUBE-IPVS-FILTER rejects');
    expect(w.evidence?.command).toBe('iptables -L KUBE-IPVS-FILTER -n --line-numbers');
    expect(w.evidence?.line).toMatch(/^\d+ +REJECT .*match-set KUBE-IPVS-IPS dst reject-with icmp-port-unreachable$/);
    expect(w.fix).toBeUndefined();
  });

  it('nftables: the reject rule in kube-proxy\'s table', () => {
    const w = pingWhy('nftables');
    expect(w.kind).toBe('clusterip-icmp');
    expect(w.cause).toContain("kube-proxy's nftables mode rejects");
    expect(w.evidence?.command).toBe('nft list chain ip kube-proxy cluster-ips-check');
    expect(w.evidence?.line?.trim()).toBe('ip daddr @cluster-ips reject comment "Reject traffic to invalid ports of ClusterIPs"');
  });
});
