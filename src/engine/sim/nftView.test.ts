import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { presetById } from '../scenario/presets';
import { buildNodeNetwork } from './nodeNetwork';
import { Simulation } from './simulation';

describe('nftables in the Node network view', () => {
  it('lists table ip kube-proxy\'s chains; the rule a trace step names is there by the same line; untouched Service chains are only counted', () => {
    const p = presetById('nftables')!.build();
    const sim = Simulation.replay(p.scenario, p.setup);
    sim.exec('control-plane', 'kubectl expose deployment web --port=80');
    sim.sleep(2000);
    const web = sim.snapshot().services.find((s) => s.id === 'default/web')!;
    const trace = sim.trace('default/client', web.clusterIP!);
    const node = sim.ctx.api.get<Pod>('Pod', 'default', 'client')!.spec.nodeName!;
    const view = buildNodeNetwork(sim, node);
    const [kp] = view.nft!;
    expect(kp.table).toBe('ip kube-proxy');
    expect(kp.chains.find((c) => c.name === 'nat-prerouting')).toMatchObject({ head: 'type nat hook prerouting priority dstnat; policy accept;', rules: [{ text: 'jump services' }] });
    const reject = trace.steps.find((s) => s.stage === 'kube-proxy/filter-forward')!;
    const lines = kp.chains.flatMap((c) => c.rules.map((r) => r.line));
    expect(lines).toContain(reject.decidedBy);
    expect(kp.chains.find((c) => c.name === 'cluster-ips-check')!.rules[0].packets).toBe(1);
    expect(kp.hidden).toBeGreaterThan(0);
    expect(kp.chains.some((c) => c.name.includes('/'))).toBe(false);
    expect(buildNodeNetwork(Simulation.create(), 'node-1').nft).toBeUndefined();
  });
});
