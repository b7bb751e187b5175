import { describe, expect, it } from 'vitest';
import type { DaemonSet } from '../api/types';
import { Simulation } from '../sim/simulation';
import { dsHash, podNode, shouldRunOn } from './daemonset';
import { DaemonNodes } from './daemonsetNodes';

const daemonSet = (name: string, extra = ''): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: ${name}
spec:
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
${extra}      containers:
      - name: c
        image: nginx:1.27
`;

describe('the DaemonSet tracker kept per write', () => {
  it('counts what a pass over every node counts, as the status shows, after labels, taints, a rollout, deleted pods and a removed node', () => {
    const sim = Simulation.create();
    const check = (): void => {
      for (const ds of sim.ctx.api.list<DaemonSet>('DaemonSet')) {
        // A tracker made now from the store, with nothing kept: the counts a full pass gives.
        const fresh = new DaemonNodes(sim.ctx, ds.metadata.uid!, ds.metadata.namespace!, {
          key: `${ds.metadata.uid}/${ds.metadata.generation ?? 1}`,
          hash: dsHash(ds),
          shouldRun: (n) => shouldRunOn(ds, n),
          podNode,
        });
        fresh.refresh();
        const c = fresh.counts;
        expect([ds.metadata.name, ds.status?.desiredNumberScheduled, ds.status?.currentNumberScheduled, ds.status?.numberReady, ds.status?.updatedNumberScheduled, ds.status?.numberMisscheduled]).toEqual([
          ds.metadata.name,
          c.desired,
          c.current,
          c.ready,
          c.updated,
          c.misscheduled,
        ]);
        expect(fresh.nodesToAct()).toEqual([]);
      }
    };
    sim.applyManifest(daemonSet('agent'));
    sim.applyManifest(daemonSet('ssd', '      nodeSelector:\n        disk: ssd\n'));
    check();
    sim.exec('control-plane', 'kubectl label node node-2 disk=ssd');
    sim.exec('control-plane', `kubectl patch node node-1 -p '{"spec":{"taints":[{"key":"k","value":"v","effect":"NoExecute"}]}}'`);
    sim.sleep(10_000);
    check();
    expect(sim.ctx.api.get<DaemonSet>('DaemonSet', 'default', 'agent')!.status!.desiredNumberScheduled).toBe(1);
    sim.exec('control-plane', 'kubectl set image daemonset/agent c=nginx:1.28');
    sim.exec('control-plane', 'kubectl delete pod -l app=ssd');
    sim.sleep(60_000);
    check();
    expect(sim.ctx.api.get<DaemonSet>('DaemonSet', 'default', 'agent')!.status!.updatedNumberScheduled).toBe(1);
    sim.exec('control-plane', 'kubectl delete node node-2');
    sim.sleep(10_000);
    check();
    expect(sim.ctx.api.get<DaemonSet>('DaemonSet', 'default', 'ssd')!.status!.desiredNumberScheduled).toBe(0);
  });
});
