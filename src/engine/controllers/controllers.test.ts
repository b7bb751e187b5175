import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { DaemonSet, Deployment, EndpointSlice, Endpoints, KubeEvent, Node, Pod, ReplicaSet } from '../api/types';
import { isPodActive, isPodReady, ownedBy } from './util';

const deployment = (replicas: number, image: string, strategy = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: ${replicas}
${strategy}  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
`;

function appPods(sim: Simulation): Pod[] {
  const rss = sim.ctx.api.list<ReplicaSet>('ReplicaSet', 'default').filter((rs) => rs.metadata.name.startsWith('app-'));
  return sim.ctx.api.list<Pod>('Pod', 'default').filter((p) => rss.some((rs) => ownedBy(p, rs.metadata.uid)));
}

describe('Deployment rolling update', () => {
  it('never drops below replicas - maxUnavailable and never exceeds replicas + maxSurge', () => {
    const sim = Simulation.create();
    sim.applyManifest(deployment(4, 'nginx:1.27', '  strategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 1\n'));
    expect(appPods(sim).filter((p) => isPodReady(p)).length).toBe(4);
    const d = sim.ctx.api.get<Deployment>('Deployment', 'default', 'app')!;
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    sim.ctx.api.update(d, 'test');
    let minAvailable = Infinity;
    let maxPods = 0;
    const until = sim.ctx.clock.now + 120_000;
    while (sim.ctx.clock.step(until)) {
      const pods = appPods(sim);
      minAvailable = Math.min(minAvailable, pods.filter((p) => isPodActive(p) && isPodReady(p)).length);
      maxPods = Math.max(maxPods, pods.filter(isPodActive).length);
      const dep = sim.ctx.api.get<Deployment>('Deployment', 'default', 'app')!;
      // Done as `kubectl rollout status` sees it: the controller has observed the new template first.
      const st = dep.status;
      if (st && st.observedGeneration === dep.metadata.generation && st.updatedReplicas === 4 && st.availableReplicas === 4 && st.replicas === 4 && pods.length === 4) break;
    }
    expect(minAvailable).toBe(3);
    expect(maxPods).toBeLessThanOrEqual(5);
    const pods = appPods(sim);
    expect(pods.every((p) => p.spec.containers[0].image === 'nginx:1.28')).toBe(true);
    const rss = sim.ctx.api.list<ReplicaSet>('ReplicaSet', 'default').filter((rs) => rs.metadata.name.startsWith('app-'));
    expect(rss.map((rs) => [rs.spec.replicas, rs.metadata.annotations?.['deployment.kubernetes.io/revision']]).sort()).toEqual([
      [0, '1'],
      [4, '2'],
    ]);
  });

  it('with the 25%/25% defaults keeps all 3 replicas available (maxUnavailable rounds down to 0)', () => {
    const sim = Simulation.create();
    const out = sim.exec('control-plane', 'kubectl set image deployment/web nginx=nginx:1.28');
    expect(out.output).toBe('deployment.apps/web image updated');
    const events = sim.ctx.api
      .list<KubeEvent>('Event', 'default')
      .filter((e) => e.reason === 'ScalingReplicaSet')
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message);
    expect(events[1]).toMatch(/^Scaled up replica set web-\w+ from 0 to 1$/);
    expect(events[2]).toMatch(/^Scaled down replica set web-\w+ from 3 to 2$/);
  });

  it('rollout undo brings the previous template back as a new revision', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl set image deployment/web nginx=nginx:1.28');
    expect(sim.exec('control-plane', 'kubectl rollout undo deployment/web').output).toBe('deployment.apps/web rolled back');
    const d = sim.ctx.api.get<Deployment>('Deployment', 'default', 'web')!;
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
    expect(sim.exec('control-plane', 'kubectl rollout history deployment/web').output).toBe('deployment.apps/web\nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n');
  });

  it('Recreate stops every old pod before starting new ones', () => {
    const sim = Simulation.create();
    sim.applyManifest(deployment(2, 'nginx:1.27', '  strategy:\n    type: Recreate\n'));
    const d = sim.ctx.api.get<Deployment>('Deployment', 'default', 'app')!;
    d.spec.template.spec.containers[0].image = 'nginx:1.28';
    sim.ctx.api.update(d, 'test');
    let overlap = false;
    const until = sim.ctx.clock.now + 60_000;
    while (sim.ctx.clock.step(until)) {
      const imgs = new Set(appPods(sim).map((p) => p.spec.containers[0].image));
      if (imgs.size > 1) overlap = true;
    }
    expect(overlap).toBe(false);
    expect(appPods(sim).map((p) => p.spec.containers[0].image)).toEqual(['nginx:1.28', 'nginx:1.28']);
  });
});

describe('garbage collection and namespaces', () => {
  it('deleting a Deployment deletes its ReplicaSets and their pods', () => {
    const sim = Simulation.create();
    expect(sim.exec('control-plane', 'kubectl delete deployment web').output).toBe('deployment.apps "web" deleted from default namespace');
    expect(sim.ctx.api.list('ReplicaSet', 'default')).toEqual([]);
    expect(sim.ctx.api.list<Pod>('Pod', 'default').map((p) => p.metadata.name)).toEqual(['client']);
    expect([...sim.ctx.net.namespaces.values()].filter((n) => n.kind === 'pod' && n.pod?.startsWith('default/')).length).toBe(1);
  });

  it('--cascade=orphan leaves the ReplicaSet and pods', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl delete deployment web --cascade=orphan');
    const rs = sim.ctx.api.list<ReplicaSet>('ReplicaSet', 'default');
    expect(rs).toHaveLength(1);
    expect(rs[0].metadata.ownerReferences).toBeUndefined();
    expect(sim.ctx.api.list('Pod', 'default')).toHaveLength(4);
  });
});

describe('DaemonSet', () => {
  it('runs one pod per eligible node, honouring tolerations, and follows node changes', () => {
    const sim = Simulation.create();
    const ds = (tolerate: boolean): string => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
  namespace: kube-system
spec:
  selector:
    matchLabels:
      app: agent
  template:
    metadata:
      labels:
        app: agent
    spec:
${tolerate ? '      tolerations:\n      - key: node-role.kubernetes.io/control-plane\n        operator: Exists\n        effect: NoSchedule\n' : ''}      containers:
      - name: agent
        image: busybox:1.36
        command: ["sleep", "infinity"]
`;
    sim.applyManifest(ds(false));
    const nodesOf = (): string[] => sim.ctx.api.list<Pod>('Pod', 'kube-system', { app: 'agent' }).filter(isPodActive).map((p) => p.spec.nodeName!).sort();
    expect(nodesOf()).toEqual(['node-1', 'node-2']);
    expect(sim.ctx.api.get<DaemonSet>('DaemonSet', 'kube-system', 'agent')!.status).toMatchObject({ desiredNumberScheduled: 2, currentNumberScheduled: 2, numberReady: 2 });
    sim.applyManifest(ds(true));
    expect(nodesOf()).toEqual(['control-plane', 'node-1', 'node-2']);
    const pod = sim.ctx.api.list<Pod>('Pod', 'kube-system', { app: 'agent' })[0];
    expect(pod.spec.tolerations?.map((t) => `${t.key}:${t.effect}`)).toContain('node.kubernetes.io/unschedulable:NoSchedule');
    // A cordoned node keeps its daemon pod.
    sim.exec('control-plane', 'kubectl cordon node-1');
    expect(nodesOf()).toEqual(['control-plane', 'node-1', 'node-2']);
    expect(sim.exec('control-plane', 'kubectl get ds -n kube-system').output).toMatch(/^NAME +DESIRED +CURRENT +READY +UP-TO-DATE +AVAILABLE +NODE SELECTOR +AGE\nagent +3 +3 +3 +3 +3 +<none> +\d+s\nkube-proxy +3 +3 +3 +3 +3 +kubernetes.io\/os=linux +\d+s$/);
  });
});

describe('Endpoints and EndpointSlices', () => {
  it('list the ready pods behind a Service selector', () => {
    const sim = Simulation.create();
    expect(sim.exec('control-plane', 'kubectl expose deployment web --port=80 --target-port=80').output).toBe('service/web exposed');
    const ep = sim.ctx.api.get<Endpoints>('Endpoints', 'default', 'web')!;
    const ips = sim.ctx.api.list<Pod>('Pod', 'default', { app: 'web' }).map((p) => p.status!.podIP!).sort();
    expect(ep.subsets![0].addresses!.map((a) => a.ip).sort()).toEqual(ips);
    expect(ep.subsets![0].ports).toEqual([{ port: 80, protocol: 'TCP' }]);
    const slice = sim.ctx.api.list<EndpointSlice>('EndpointSlice', 'default').find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'web')!;
    expect(slice.metadata.name).toMatch(/^web-[a-z0-9]{5}$/);
    expect(slice.endpoints.every((e) => e.conditions?.ready)).toBe(true);
    // A pod going away leaves the endpoints; its replacement joins.
    const victim = sim.ctx.api.list<Pod>('Pod', 'default', { app: 'web' })[0];
    sim.exec('control-plane', `kubectl delete pod ${victim.metadata.name}`);
    const after = sim.ctx.api.get<Endpoints>('Endpoints', 'default', 'web')!.subsets![0].addresses!.map((a) => a.targetRef!.name);
    expect(after).not.toContain(victim.metadata.name);
    expect(after).toHaveLength(3);
    expect(sim.exec('control-plane', 'kubectl get endpoints web').output.split('\n')[0]).toBe('Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice');
  });
});

describe('node lifecycle', () => {
  it('a stopped kubelet: NotReady after 40 s, pods evicted after 300 s and recreated elsewhere', () => {
    const sim = Simulation.create();
    const onNode1 = sim.ctx.api.list<Pod>('Pod', 'default', { app: 'web' }).filter((p) => p.spec.nodeName === 'node-1');
    expect(onNode1.length).toBeGreaterThan(0);
    sim.exec('node-1', 'systemctl stop kubelet');
    const t0 = sim.ctx.clock.now;
    const ready = (): string | undefined => sim.ctx.api.get<Node>('Node', undefined, 'node-1')!.status!.conditions!.find((c) => c.type === 'Ready')!.status;
    sim.sleep(30_000);
    expect(ready()).toBe('True');
    sim.sleep(20_000);
    expect(ready()).toBe('Unknown');
    const node = sim.ctx.api.get<Node>('Node', undefined, 'node-1')!;
    expect(node.spec.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual(['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    expect(sim.exec('control-plane', 'kubectl get nodes').output).toMatch(/node-1 +NotReady +<none>/);
    // Pods on the node are marked not ready at once but stay until their toleration runs out.
    const still = sim.ctx.api.get<Pod>('Pod', 'default', onNode1[0].metadata.name)!;
    expect(isPodReady(still)).toBe(false);
    expect(still.metadata.deletionTimestamp).toBeUndefined();
    const notReadyAt = simTaintTime(node);
    sim.ctx.clock.runUntil(notReadyAt + 299_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', onNode1[0].metadata.name)!.metadata.deletionTimestamp).toBeUndefined();
    sim.sleep(2_000);
    sim.ctx.clock.settle();
    const evicted = sim.ctx.api.get<Pod>('Pod', 'default', onNode1[0].metadata.name)!;
    expect(evicted.metadata.deletionTimestamp).toBeDefined();
    expect(sim.exec('control-plane', `kubectl get pod ${evicted.metadata.name}`).output).toMatch(/Terminating/);
    const events = sim.ctx.api.list<KubeEvent>('Event', 'default').filter((e) => e.reason === 'TaintManagerEviction');
    expect(events.map((e) => e.message)).toContain(`Marking for deletion Pod default/${evicted.metadata.name}`);
    const web = sim.ctx.api.list<Pod>('Pod', 'default', { app: 'web' }).filter(isPodActive);
    expect(web).toHaveLength(3);
    expect(web.every((p) => p.spec.nodeName === 'node-2' && isPodReady(p))).toBe(true);
    expect(sim.ctx.clock.now - t0).toBeGreaterThan(340_000);
    // The kubelet comes back: the node is Ready, the stale pods are cleaned up.
    sim.exec('node-1', 'systemctl start kubelet');
    expect(ready()).toBe('True');
    expect(sim.ctx.api.get<Node>('Node', undefined, 'node-1')!.spec.taints).toBeUndefined();
    expect(sim.ctx.api.list<Pod>('Pod', 'default').filter((p) => p.spec.nodeName === 'node-1')).toEqual([]);
    // Only the DaemonSet pods (kube-proxy, kube-flannel) still run there.
    expect(sim.ctx.runtimes.get('node-1')!.sandboxes.map((s) => s.namespace).sort()).toEqual(['kube-flannel', 'kube-system']);
  });
});

function simTaintTime(node: Node): number {
  const t = node.spec.taints!.find((x) => x.effect === 'NoExecute')!.timeAdded!;
  return Date.parse(t) - Date.UTC(2026, 0, 5, 9, 0, 0);
}
