import { describe, expect, it } from 'vitest';
import { Simulation } from '../sim/simulation';
import type { KubeEvent, Lease, Pod } from '../api/types';
import { backoffMs, containerProgram } from './program';
import { podStatus } from '../shell/kubectl/printers';

describe('kubelet', () => {
  it('runs init containers one by one, in order, before the app containers', () => {
    const sim = Simulation.create();
    sim.applyManifest(`apiVersion: v1
kind: Pod
metadata:
  name: init-demo
spec:
  initContainers:
  - name: first
    image: busybox:1.36
    command: ["sh", "-c", "echo one"]
  - name: second
    image: busybox:1.36
    command: ["sh", "-c", "echo two"]
  containers:
  - name: app
    image: nginx:1.27
`);
    const started = sim.ctx.api
      .list<KubeEvent>('Event', 'default')
      .filter((e) => e.involvedObject.name === 'init-demo' && e.reason === 'Started')
      .sort((a, b) => Number(a.metadata.resourceVersion) - Number(b.metadata.resourceVersion))
      .map((e) => e.message);
    expect(started).toEqual(['Started container first', 'Started container second', 'Started container app']);
    const pod = sim.ctx.api.get<Pod>('Pod', 'default', 'init-demo')!;
    expect(pod.status?.initContainerStatuses?.map((s) => s.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(sim.exec('control-plane', 'kubectl get pod init-demo --no-headers').output).toMatch(/^init-demo +1\/1 +Running +0 +\d+s$/);
  });

  it('shows Init:N/M while the init containers run', () => {
    const sim = Simulation.create();
    sim.ctx.api.create<Pod>(
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'slow', namespace: 'default' }, spec: { nodeName: 'node-2', initContainers: [{ name: 'a', image: 'busybox:1.36' }, { name: 'b', image: 'busybox:1.36' }], containers: [{ name: 'app', image: 'nginx:1.27' }] } },
      'test',
    );
    const seen = new Set<string>();
    const until = sim.ctx.clock.now + 20_000;
    while (sim.ctx.clock.step(until)) {
      const p = sim.ctx.api.get<Pod>('Pod', 'default', 'slow');
      if (p) seen.add(podStatus(p));
    }
    expect([...seen]).toEqual(expect.arrayContaining(['Init:0/2', 'Init:1/2', 'Running']));
  });

  it('renews its node Lease every 10 s in the background', () => {
    const sim = Simulation.create();
    const renew = (): string => sim.ctx.api.get<Lease>('Lease', 'kube-node-lease', 'node-2')!.spec.renewTime!;
    const before = renew();
    sim.sleep(10_000);
    expect(renew()).not.toBe(before);
    expect(renew()).toMatch(/^2026-01-05T09:00:\d\d\.\d{6}Z$/);
    expect(sim.ctx.log.all().some((m) => m.from === 'kubelet/node-2' && m.verb === 'PUT' && m.path === '/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/node-2')).toBe(true);
  });

  it('crash-loops a failing container with back-off and completes a finished one', () => {
    const sim = Simulation.create();
    sim.exec('control-plane', 'kubectl run crash --image=busybox:1.36 -- sh -c "exit 2"');
    sim.exec('control-plane', 'kubectl run done --image=busybox:1.36 --restart=Never -- echo hi');
    sim.sleep(45_000);
    const crash = sim.ctx.api.get<Pod>('Pod', 'default', 'crash')!;
    const cs = crash.status!.containerStatuses![0];
    expect(cs.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(cs.lastState?.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(cs.restartCount).toBeGreaterThanOrEqual(2);
    expect(sim.exec('control-plane', 'kubectl get pod crash --no-headers').output).toMatch(/^crash +0\/1 +CrashLoopBackOff +\d+ \(\d+s ago\) +\d+s$/);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'done')!.status!.phase).toBe('Succeeded');
    expect(sim.exec('control-plane', 'kubectl logs done').output).toBe('hi');
  });

  it('knows which processes end', () => {
    expect(containerProgram({ name: 'a', image: 'nginx:1.27' })).toEqual({ kind: 'long' });
    expect(containerProgram({ name: 'a', image: 'busybox:1.36', command: ['sleep', 'infinity'] })).toEqual({ kind: 'long' });
    expect(containerProgram({ name: 'a', image: 'busybox:1.36' })).toMatchObject({ kind: 'exit', code: 0 });
    expect(containerProgram({ name: 'a', image: 'busybox', command: ['sh', '-c', 'sleep 30; exit 3'] })).toEqual({ kind: 'exit', code: 3, afterMs: 30_500 });
    expect([1, 2, 3, 6, 9].map(backoffMs)).toEqual([10_000, 20_000, 40_000, 300_000, 300_000]);
  });
});
