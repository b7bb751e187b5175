/**
 * The whole envelope in the engine the worker runs: 9 machines and the control plane, plus
 * Kubemark hollow nodes up to 5,000 nodes, and a Deployment scaled to 150,000 replicas, the way
 * the Scale tab's builder makes it. The control plane (apiserver, etcd, scheduler, controllers,
 * every kubelet's Lease and pod status, the Events) carries it all; only the hollow nodes'
 * datapath is missing, as in Kubernetes' own scalability tests.
 */
import type { Pod } from '../engine/api/types';
import { bigCluster } from '../engine/scenario/big';
import { Simulation } from '../engine/sim/simulation';
import { cpuNow, heapMiB, round } from './stats';

export interface EnvelopeRun {
  nodes: number;
  hollowNodes: number;
  replicas: number;
  running: number;
  objects: number;
  bootWallSeconds: number;
  scaleWallSeconds: number;
  scaleCpuSeconds: number;
  simulatedSeconds: number;
  /** One command once it all runs (`kubectl get nodes`), and the UI snapshot the worker then sends. */
  commandMs: number;
  snapshotMs: number;
  heapUsedMiB: number;
}

export function envelope(nodes: number, replicas: number): EnvelopeRun {
  const workers = Math.min(9, nodes - 1);
  const hollowNodes = nodes - workers - 1;
  const { scenario, actions } = bigCluster({ workers, hollowNodes, replicas, services: 0, kubeProxyMode: 'ipvs' });
  let t = performance.now();
  const sim = Simulation.create(scenario);
  const bootWallSeconds = (performance.now() - t) / 1000;
  const s0 = sim.ctx.clock.now;
  t = performance.now();
  const c = cpuNow();
  for (const a of actions) sim.apply(a);
  const scaleWallSeconds = (performance.now() - t) / 1000;
  const scaleCpuSeconds = cpuNow() - c;
  const web = (sim.ctx.api.peekAll('Pod') as Pod[]).filter((p) => p.metadata.name.startsWith('web-'));
  t = performance.now();
  sim.exec('control-plane', 'kubectl get nodes');
  const commandMs = performance.now() - t;
  t = performance.now();
  sim.snapshot();
  const snapshotMs = performance.now() - t;
  return {
    nodes,
    hollowNodes,
    replicas,
    running: web.filter((p) => p.status?.phase === 'Running').length,
    objects: sim.ctx.api.etcd.size,
    bootWallSeconds: round(bootWallSeconds, 2),
    scaleWallSeconds: round(scaleWallSeconds, 2),
    scaleCpuSeconds: round(scaleCpuSeconds, 2),
    simulatedSeconds: round((sim.ctx.clock.now - s0) / 1000, 1),
    commandMs: round(commandMs, 1),
    snapshotMs: round(snapshotMs, 1),
    heapUsedMiB: heapMiB().heapUsedMiB,
  };
}

