import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { Simulation } from '../sim/simulation';
import { SchedulerCache } from './cache';
import { podSums } from './nodeInfo';
import type { NodeInfo } from './types';

/** What a NodeInfo holds, in a form two caches can be compared by (pods as a set: their order within a node does not count). */
function shape(infos: readonly NodeInfo[]): unknown[] {
  return infos.map((i) => {
    const s = podSums(i);
    return {
      node: i.node.metadata.name,
      resourceVersion: i.node.metadata.resourceVersion,
      pods: i.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}@${p.metadata.resourceVersion}`).sort(),
      sums: [s.podCount, s.requestedCpu, s.requestedMemory, s.nonZeroCpu, s.nonZeroMemory],
    };
  });
}

const prio = `apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`;

const pod = (name: string, cpu: string, extra = ''): string => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
${extra}  containers:
  - name: c
    image: nginx:1.27
    resources:
      requests:
        cpu: ${cpu}
`;

describe('the scheduler cache kept per write', () => {
  it('holds what a cache built from the store holds, after binds, status writes, deletions, finished pods, preemption and node changes', () => {
    const sim = Simulation.create();
    const check = (): void => {
      const fresh = new SchedulerCache(sim.ctx).get();
      const live = sim.scheduler.nodeInfos();
      expect(shape(live)).toEqual(shape(fresh.infos));
      // The nominated pods, in store order, as a scan lists them.
      const scan = (sim.ctx.api.peekAll('Pod') as Pod[]).filter((p) => !p.spec.nodeName && p.status?.nominatedNodeName);
      expect(fresh.nominated.map((p) => p.metadata.name)).toEqual(scan.map((p) => p.metadata.name));
      expect(sim.scheduler.nominatedPods().map((p) => p.metadata.name)).toEqual(scan.map((p) => p.metadata.name));
      // Whether a preemption victim could exist below each priority, as a scan of the bound pods says.
      const cache = (sim.scheduler as unknown as { cache: SchedulerCache }).cache;
      const bound = live.flatMap((i) => i.pods);
      for (const prio of [-1, 0, 1, 1000, 2_000_000_000]) expect(cache.anyPodBelow(prio)).toBe(bound.some((p) => (p.spec.priority ?? 0) < prio));
    };
    sim.exec('control-plane', 'kubectl create deployment web --image=nginx:1.27 --replicas=4');
    sim.exec('control-plane', 'kubectl run done --image=busybox:1.36 --restart=Never -- echo hi');
    check();
    sim.sleep(20_000);
    check();
    // A finished pod no longer takes room on its node.
    expect(sim.scheduler.nodeInfos().some((i) => i.pods.some((p) => p.metadata.name === 'done'))).toBe(false);
    sim.exec('control-plane', 'kubectl delete pod -l app=web --wait=false');
    check();
    sim.applyManifest(prio);
    sim.applyManifest(pod('low-1', '1500m', '  nodeName: node-1\n'));
    sim.applyManifest(pod('low-2', '1500m', '  nodeName: node-2\n'));
    // While vip waits for its victim, it is nominated: compare the caches then too.
    let nominatedChecks = 0;
    sim.ctx.api.watch('Pod', 'test', (_t, obj) => {
      const p = obj as Pod;
      if (!p.status?.nominatedNodeName || p.spec.nodeName) return;
      check();
      nominatedChecks++;
    });
    sim.applyManifest(pod('vip', '1', '  priorityClassName: high\n'));
    expect(nominatedChecks).toBeGreaterThan(0);
    check();
    sim.exec('control-plane', 'kubectl cordon node-2');
    sim.exec('control-plane', 'kubectl label node node-1 disk=ssd');
    check();
    sim.exec('control-plane', 'kubectl delete node node-2');
    sim.sleep(5_000);
    check();
    expect(sim.scheduler.nodeInfos().map((i) => i.node.metadata.name)).toEqual(['control-plane', 'node-1']);
  });
});
