import { expect, it } from 'vitest';
import type { KubeEvent } from '../api/types';
import { Simulation } from './simulation';

it('repeated identical events are counted into one Event (x4 over 2m), as client-go\'s correlator does', () => {
  const sim = Simulation.create();
  sim.exec('control-plane', 'kubectl run crash --image=busybox:1.36 -- sh -c "echo starting; exit 1"');
  sim.sleep(120_000);
  const backOff = sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.involvedObject.name === 'crash' && e.reason === 'BackOff');
  expect(backOff).toHaveLength(1);
  expect(backOff[0].count).toBeGreaterThan(2);
  expect(backOff[0].lastTimestamp > backOff[0].firstTimestamp).toBe(true);
  const described = sim.exec('control-plane', 'kubectl describe pod crash').output;
  expect(described).toMatch(new RegExp(`Warning  BackOff    \\d+s \\(x${backOff[0].count} over \\dm\\d*s?\\) +kubelet`));
  const wide = sim.exec('control-plane', 'kubectl get events --field-selector reason=BackOff -o wide').output.split('\n');
  expect(wide[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +SUBOBJECT +SOURCE +MESSAGE +FIRST SEEN +COUNT +NAME$/);
  expect(wide[1]).toContain(`kubelet, ${sim.ctx.api.get<{ spec: { nodeName: string } } & import('../api/types').Pod>('Pod', 'default', 'crash')!.spec.nodeName}`);
  expect(wide[1]).toMatch(new RegExp(` ${backOff[0].count} +${backOff[0].metadata.name.replace('.', '\\.')}$`));
  // The recorder PATCHes the count (the log keeps the latest requests; the first POST may be gone).
  const path = `/api/v1/namespaces/default/events/${backOff[0].metadata.name}`;
  const verbs = sim.ctx.log.all().filter((m) => m.path === path).map((m) => m.verb);
  expect(verbs).toContain('PATCH');
  expect(verbs.filter((v) => v !== 'PATCH' && v !== 'POST')).toEqual([]);
});

it('kubectl label, scale and cordon send PATCH, as the real kubectl does', () => {
  const sim = Simulation.create();
  sim.exec('control-plane', 'kubectl label node node-1 disk=ssd');
  sim.exec('control-plane', 'kubectl cordon node-2');
  const sent = sim.ctx.log.all().filter((m) => m.from === 'kubectl' && m.path.startsWith('/api/v1/nodes/')).map((m) => `${m.verb} ${m.path}`);
  expect(sent).toEqual(['PATCH /api/v1/nodes/node-1', 'PATCH /api/v1/nodes/node-2']);
});
