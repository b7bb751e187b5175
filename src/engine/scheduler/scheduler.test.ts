import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { KubeEvent, Pod } from '../api/types';

const podYaml = (name: string, cpu: string, extra = ''): string => `apiVersion: v1
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

function events(sim: Simulation, name: string, reason: string): KubeEvent[] {
  return sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.involvedObject.name === name && e.reason === reason);
}

describe('kube-scheduler in the cluster', () => {
  it('reports an unschedulable pod with the real FailedScheduling text and records each node', () => {
    const sim = Simulation.create();
    sim.applyManifest(podYaml('huge', '3'));
    const pod = sim.ctx.api.get<Pod>('Pod', 'default', 'huge')!;
    expect(pod.spec.nodeName).toBeUndefined();
    const msg = events(sim, 'huge', 'FailedScheduling')[0].message;
    expect(msg).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.',
    );
    const d = sim.scheduler.decisions.filter((x) => x.pod === 'default/huge').pop()!;
    expect(d.nodes.map((n) => [n.node, n.rejectedBy])).toEqual([
      ['control-plane', 'TaintToleration'],
      ['node-1', 'NodeResourcesFit'],
      ['node-2', 'NodeResourcesFit'],
    ]);
    expect(sim.exec('control-plane', 'kubectl get pod huge').output).toMatch(/^NAME +READY +STATUS +RESTARTS +AGE\nhuge +0\/1 +Pending +0 +\d+s$/);
  });

  it('filters a pod pinned to named nodes (a DaemonSet pod) on those nodes only: NodeAffinity PreFilterResult', () => {
    const sim = Simulation.create();
    const pinned = (nodes: string[][]): string => `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
${nodes.map((names) => `        - matchFields:\n          - key: metadata.name\n            operator: In\n            values: [${names.join(', ')}]\n`).join('')}`;
    sim.applyManifest(podYaml('ds-like', '100m', pinned([['node-2']])));
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'ds-like')!.spec.nodeName).toBe('node-2');
    const d = sim.scheduler.decisions.filter((x) => x.pod === 'default/ds-like').pop()!;
    expect(d.nodes.map((n) => [n.node, n.rejectedBy ?? (n.skipped ? 'skipped' : 'scored'), n.reason, n.preFiltered])).toEqual([
      ['control-plane', 'NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]", true],
      ['node-1', 'NodeAffinity', "node(s) didn't satisfy plugin(s) [NodeAffinity]", true],
      ['node-2', 'scored', undefined, undefined],
    ]);
    // Pinned to a node it does not fit: the other nodes count with the PreFilter status.
    sim.applyManifest(podYaml('ds-huge', '3', pinned([['node-1']])));
    expect(events(sim, 'ds-huge', 'FailedScheduling')[0].message).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.",
    );
    // Terms ORed: either name; ANDed names within one term that share none: no node at all.
    sim.applyManifest(podYaml('either', '100m', pinned([['node-1'], ['gone', 'node-2']])));
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'either')!.spec.nodeName).toMatch(/^node-[12]$/);
    sim.applyManifest(podYaml('conflict', '100m', `  affinity:
    nodeAffinity:
      requiredDuringSchedulingIgnoredDuringExecution:
        nodeSelectorTerms:
        - matchFields:
          - {key: metadata.name, operator: In, values: [node-1]}
          - {key: metadata.name, operator: In, values: [node-2]}
`));
    expect(events(sim, 'conflict', 'FailedScheduling')[0].message).toBe(
      '0/3 nodes are available: pod affinity terms conflict. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
  });

  it('tries a stuck pod again after 5 minutes (flushUnschedulablePodsLeftover): the FailedScheduling Event counts up, the condition keeps its time', () => {
    const sim = Simulation.create();
    sim.applyManifest(podYaml('huge', '3'));
    const first = sim.ctx.api.get<Pod>('Pod', 'default', 'huge')!.status!.conditions![0].lastTransitionTime;
    const attempts = (): number => sim.scheduler.decisions.filter((d) => d.pod === 'default/huge').length;
    sim.sleep(290_000);
    expect(attempts()).toBe(1);
    expect(events(sim, 'huge', 'FailedScheduling')[0].count).toBe(1);
    // More than 5 minutes waiting, at the next 30-second flush.
    sim.sleep(40_000);
    expect(attempts()).toBe(2);
    expect(events(sim, 'huge', 'FailedScheduling')).toHaveLength(1);
    expect(events(sim, 'huge', 'FailedScheduling')[0].count).toBe(2);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'huge')!.status!.conditions![0].lastTransitionTime).toBe(first);
    expect(sim.exec('control-plane', 'kubectl describe pod huge').output).toMatch(/Warning +FailedScheduling +\d+s \(x2 over 5m\d+s\) +default-scheduler +0\/3 nodes are available/);
  });

  it('binds a waiting pod once a node frees up, and records the scores of feasible nodes', () => {
    const sim = Simulation.create();
    sim.applyManifest(podYaml('big-1', '1500m', '  nodeName: node-1\n'));
    sim.applyManifest(podYaml('big-2', '1500m', '  nodeName: node-2\n'));
    sim.applyManifest(podYaml('wait', '1'));
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'wait')!.spec.nodeName).toBeUndefined();
    sim.exec('control-plane', 'kubectl delete pod big-2');
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'wait')!.spec.nodeName).toBe('node-2');
    const d = sim.scheduler.decisions.filter((x) => x.pod === 'default/wait' && x.chosen).pop()!;
    const row = d.nodes.find((n) => n.node === 'node-2')!;
    expect(Object.keys(row.scores)).toEqual(['TaintToleration', 'NodeAffinity', 'NodeResourcesFit', 'NodeResourcesBalancedAllocation', 'ImageLocality']);
    expect(row.total).toBe(row.scores.TaintToleration * 3 + row.scores.NodeAffinity * 2 + row.scores.NodeResourcesFit + row.scores.NodeResourcesBalancedAllocation + row.scores.ImageLocality);
  });

  it('preempts lower-priority pods for a higher-priority one', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
`);
    sim.applyManifest(podYaml('low-1', '1500m', '  nodeName: node-1\n'));
    sim.applyManifest(podYaml('low-2', '1500m', '  nodeName: node-2\n'));
    sim.applyManifest(podYaml('vip', '1', '  priorityClassName: high\n'));
    const vip = sim.ctx.api.get<Pod>('Pod', 'default', 'vip')!;
    expect(vip.spec.priority).toBe(1000);
    expect(vip.spec.nodeName).toBe('node-1');
    expect(sim.ctx.api.get('Pod', 'default', 'low-1')).toBeUndefined();
    expect(sim.ctx.api.get('Pod', 'default', 'low-2')).toBeDefined();
    expect(events(sim, 'low-1', 'Preempted')[0].message).toBe(`Preempted by pod ${vip.metadata.uid} on node node-1`);
  });
  it('preempts only the pods in the way, on one node, and keeps their replacements off the freed room', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata:
  name: high
value: 1000
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: batch
spec:
  replicas: 2
  selector:
    matchLabels:
      app: batch
  template:
    metadata:
      labels:
        app: batch
    spec:
      containers:
      - name: c
        image: busybox:1.36
        resources:
          requests:
            cpu: 1500m
`);
    sim.applyManifest(podYaml('vip', '1', '  priorityClassName: high\n'));
    const pods = sim.pods();
    expect(pods.find((p) => p.metadata.name === 'vip')!.spec.nodeName).toBeDefined();
    // client and the web pods request nothing: they stay where they were.
    expect(pods.filter((p) => p.metadata.labels?.app === 'web' || p.metadata.name === 'client').map((p) => p.status?.phase)).toEqual(['Running', 'Running', 'Running', 'Running']);
    const preempted = sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.reason === 'Preempted');
    expect(preempted.map((e) => e.involvedObject.name)).toHaveLength(1);
    // The batch pod's replacement waits: the room was promised to vip.
    expect(pods.filter((p) => p.metadata.labels?.app === 'batch').map((p) => p.status?.phase).sort()).toEqual(['Pending', 'Running']);
  });
});
