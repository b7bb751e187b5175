/**
 * Scheduling throughput: N pods onto M synthetic nodes (no kubelets), timed in wall time from
 * the first pod created until the last one is bound. Nodes look like scheduler_perf's: 110 pods,
 * generous cpu/memory; pods request 100m / 500Mi like its pod-default template.
 */
import type { Node, Pod } from '../engine/api/types';
import { Clock } from '../engine/sim/clock';
import type { SimContext } from '../engine/sim/context';
import { MessageLog } from '../engine/sim/messages';
import { Prng } from '../engine/sim/prng';
import { Scheduler, numFeasibleNodesToFind } from '../engine/scheduler/scheduler';
import { BenchApi } from './fakeApi';
import { heapMiB, round } from './stats';

export interface SchedulingRun {
  nodes: number;
  pods: number;
  nodesScoredPerPod: number;
  bound: number;
  seconds: number;
  podsPerSecond: number;
  /** CPU time of the process over the same span (user + system): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  podsPerCpuSecond: number;
  /** Microseconds per pod per node scored: flat when cost is linear in pods × nodes scored. */
  usPerPodNodeScored: number;
  /** Heap with every node and pod still held, after a full GC when node runs with --expose-gc. */
  heapUsedMiB: number;
}

export function benchNode(i: number): Node {
  const name = `node-${String(i).padStart(5, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `n-${i}`, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
    spec: {},
    status: { allocatable: { cpu: '32', memory: '256Gi', pods: '110' }, capacity: { cpu: '32', memory: '256Gi', pods: '110' } },
  };
}

export function benchPod(i: number): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', uid: `p-${i}` },
    spec: { schedulerName: 'default-scheduler', priority: 0, containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', resources: { requests: { cpu: '100m', memory: '500Mi' } } }] },
    status: { phase: 'Pending' },
  };
}

export function runScheduling(nodes: number, pods: number): SchedulingRun {
  const api = new BenchApi();
  const clock = new Clock();
  const ctx = { clock, prng: new Prng(1), log: new MessageLog(), api, runtimes: new Map(), hosts: new Map() } as unknown as SimContext;
  const scheduler = new Scheduler(ctx);
  scheduler.start();
  for (let i = 0; i < nodes; i++) api.create(benchNode(i));
  const manifests = Array.from({ length: pods }, (_, i) => benchPod(i));
  // From the first pod created (the scheduler's watch queues it) to the last one bound.
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  for (const p of manifests) api.create(p);
  clock.settle(Number.MAX_SAFE_INTEGER, pods * 4 + 100);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const scored = numFeasibleNodesToFind(nodes);
  const heap = heapMiB();
  return {
    nodes,
    pods,
    nodesScoredPerPod: scored,
    bound: api.boundPods(),
    seconds: round(seconds, 3),
    podsPerSecond: Math.round(pods / seconds),
    cpuSeconds: round(cpuSeconds, 3),
    podsPerCpuSecond: Math.round(pods / cpuSeconds),
    usPerPodNodeScored: round((seconds * 1e6) / (pods * scored), 4),
    heapUsedMiB: heap.heapUsedMiB,
  };
}
