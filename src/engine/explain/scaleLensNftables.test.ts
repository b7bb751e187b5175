import { describe, expect, it } from 'vitest';
import { scaleLens, walkSeries } from './scaleLens';

describe('scale lens: nftables mode', () => {
  it('counts the rules of table ip kube-proxy per node; a first packet walks the same few rules at 3 and 10,000 Services', () => {
    const small = scaleLens({ nodes: 3, services: 3, endpoints: 2, mode: 'nftables' });
    const big = scaleLens({ nodes: 3, services: 10000, endpoints: 2, mode: 'nftables' });
    expect(small.lookup).toBe('O(1)');
    // jump services, the vmap lookup, the service chain (masquerade check, numgen), the endpoint chain (hairpin check, DNAT).
    expect(small.walked).toBe(6);
    expect(big.walked).toBe(6);
    expect(small.kubeServices).toBe(2);
    // Per Service: 2 rules in its service chain and 2 in each endpoint chain; the map gets one element in service-ips and one in cluster-ips.
    expect(big.natRules - small.natRules).toBe((10000 - 3) * (2 + 2 * 2));
    expect(big.mapElements - small.mapElements).toBe((10000 - 3) * 2);
    expect(big.thresholds.some((t) => t.id === 'iptablesServices')).toBe(false);
    const series = walkSeries(2, 3, 4);
    expect(series.map((p) => p.nftables)).toEqual([6, 6, 6, 6, 6]);
    expect(series[4].iptables).toBeGreaterThan(series[4].nftables * 100);
  });
});
