import { expect, it } from 'vitest';
import type { Service } from '../api/types';
import { Simulation } from '../sim/simulation';
import { compareDataplanes, STANDARD_COMPARISONS } from './compare';

it('ipvs v1.26 vs v1.34: a ping to a ClusterIP is answered by the node, then rejected by KUBE-IPVS-FILTER', () => {
  const sim = Simulation.create();
  expect(sim.exec('control-plane', 'kubectl expose deployment web --port=80').exitCode).toBe(0);
  sim.sleep(2000);
  const cip = sim.ctx.api.get<Service>('Service', 'default', 'web')!.spec.clusterIP!;
  const c = compareDataplanes(sim, STANDARD_COMPARISONS.find((x) => x.id === 'ipvs-version')!.variants, { from: 'default/client', to: cip });
  expect(c.a.trace?.replied).toBe(true);
  expect(c.a.trace?.icmpError).toBeUndefined();
  expect(c.a.trace?.steps.at(-1)?.summary).toMatch(/receives the echo reply from 10\.\d+\.\d+\.\d+/);
  expect(c.b.trace?.icmpError?.type).toBe('port-unreachable');
  expect(c.iptables.filter((l) => l.op === '+').map((l) => l.text)).toContain('-A INPUT -m comment --comment "kubernetes ipvs access filter" -j KUBE-IPVS-FILTER');
});
