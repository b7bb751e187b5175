/**
 * The engine measurements that need a whole simulated cluster: control plane end to end,
 * packet traces through many Services, the URL codec, and the heap.
 */
import type { Pod, Service } from '../engine/api/types';
import { defaultScenario } from '../engine/scenario/defaults';
import { decodeState, encodeState } from '../engine/scenario/url';
import { Simulation } from '../engine/sim/simulation';
import { countNftRules } from '../engine/net/nftables';
import { bigScenario, deploymentYaml } from './scenario';
import { cpuNow, heapMiB, median, round, skipped, type Skipped } from './stats';

const running = (sim: Simulation, prefix: string): number => sim.pods().filter((p) => p.metadata.name.startsWith(prefix) && p.status?.phase === 'Running').length;

export interface ControlPlaneRun {
  nodes: number;
  replicas: number;
  running: number;
  bootWallSeconds: number;
  /** CPU time of the process while booting (user + system): steadier than wall time on a shared machine. */
  bootCpuSeconds: number;
  wallSeconds: number;
  cpuSeconds: number;
  simulatedSeconds: number;
  heapUsedMiB: number;
}

/** A cluster of `nodes` workers, then a Deployment of `replicas` from apply until all Running. */
export function controlPlane(nodes: number, replicas: number): ControlPlaneRun {
  let t = performance.now();
  let c = cpuNow();
  const sim = Simulation.create(bigScenario(nodes));
  const bootWallSeconds = (performance.now() - t) / 1000;
  const bootCpuSeconds = cpuNow() - c;
  t = performance.now();
  c = cpuNow();
  const s0 = sim.ctx.clock.now;
  const out = sim.applyManifest(deploymentYaml('bench', replicas));
  if (out.exitCode !== 0) throw new Error(out.output);
  // applyManifest settles: every event the apply caused has run.
  const wallSeconds = (performance.now() - t) / 1000;
  const cpuSeconds = cpuNow() - c;
  return {
    nodes,
    replicas,
    running: running(sim, 'bench-'),
    bootWallSeconds: round(bootWallSeconds, 3),
    bootCpuSeconds: round(bootCpuSeconds, 3),
    wallSeconds: round(wallSeconds, 3),
    cpuSeconds: round(cpuSeconds, 3),
    simulatedSeconds: round((sim.ctx.clock.now - s0) / 1000, 3),
    heapUsedMiB: heapMiB().heapUsedMiB,
  };
}

function servicesYaml(count: number): string {
  const docs: string[] = [];
  for (let i = 0; i < count; i++) {
    docs.push(`apiVersion: v1
kind: Service
metadata:
  name: svc-${i}
spec:
  selector:
    app: backend
  ports:
  - port: 80
    targetPort: 80
`);
  }
  return docs.join('---\n');
}

export interface TraceRun {
  mode: string;
  services: number;
  endpointsPerService: number;
  traces: number;
  outcome: string;
  medianMs: number;
  maxMs: number;
  /** iptables rules (-A lines of iptables-save) on a worker node. */
  iptablesRulesPerNode: number;
  /** Rules in the nat table's KUBE-SERVICES: what a first packet to the last Service checks, one by one (iptables mode's O(n)). */
  kubeServicesRules?: number;
  /** IPVS real servers + virtual servers on a worker node (ipvs mode). */
  ipvsEntriesPerNode?: number;
  /** Rules in table ip kube-proxy, and elements of its sets and verdict maps, on a worker node (nftables mode). */
  nftRulesPerNode?: number;
  nftElementsPerNode?: number;
  setupWallSeconds: number;
}

/** S Services × 5 endpoints; median time of a TCP trace pod → ClusterIP → pod. */
export function traceServices(mode: 'iptables' | 'ipvs' | 'nftables', services: number, traces = 25): TraceRun {
  const t = performance.now();
  const sim = Simulation.create(bigScenario(2, mode));
  const out = sim.applyManifest(`${deploymentYaml('backend', 5, 'app: backend')}---\n${deploymentYaml('client', 1, 'app: client')}`);
  if (out.exitCode !== 0) throw new Error(out.output);
  // Services go in batches, as a learner (or a CI job) would apply a big manifest.
  for (let done = 0; done < services; done += 500) {
    const r = sim.applyManifest(servicesYaml(Math.min(500, services - done)).replace(/name: svc-(\d+)/g, (_m, i: string) => `name: svc-${done + Number(i)}`));
    if (r.exitCode !== 0) throw new Error(r.output.split('\n').find((l) => l.startsWith('Error') || l.startsWith('error')) ?? r.output.slice(0, 200));
  }
  const setupWallSeconds = (performance.now() - t) / 1000;
  const client = sim.pods().find((p: Pod) => p.metadata.name.startsWith('client-') && p.status?.phase === 'Running');
  if (!client) throw new Error('the client pod is not running');
  const svcs = sim.ctx.api.peekAll('Service') as Service[];
  const ips = svcs.filter((s) => s.metadata.name.startsWith('svc-')).map((s) => s.spec.clusterIP!);
  const times: number[] = [];
  let outcome = '';
  for (let i = 0; i < traces; i++) {
    const ip = ips[Math.floor((i * ips.length) / traces)];
    const t0 = performance.now();
    const tr = sim.trace(`default/${client.metadata.name}`, ip, { proto: 'tcp', port: 80 });
    times.push(performance.now() - t0);
    outcome ||= tr.outcome;
    if (tr.outcome !== 'delivered') outcome = `${tr.outcome}: ${tr.reason ?? ''}`;
  }
  const worker = client.spec.nodeName ?? 'node-1';
  const save = sim.exec(worker, 'iptables-save').output;
  const run: TraceRun = {
    mode,
    services: ips.length,
    endpointsPerService: 5,
    traces,
    outcome,
    medianMs: round(median(times), 3),
    maxMs: round(Math.max(...times), 3),
    iptablesRulesPerNode: save.split('\n').filter((l) => l.startsWith('-A ')).length,
    setupWallSeconds: round(setupWallSeconds, 3),
  };
  if (mode === 'iptables') run.kubeServicesRules = sim.exec(worker, 'iptables-save -t nat').output.split('\n').filter((l) => l.startsWith('-A KUBE-SERVICES ')).length;
  if (mode === 'ipvs') {
    const ipvs = sim.exec(worker, 'ipvsadm -Ln');
    run.ipvsEntriesPerNode = ipvs.exitCode === 0 ? ipvs.output.split('\n').filter((l) => /^(TCP|UDP|SCTP) |^ {2}-> \d/.test(l)).length : -1;
  }
  const nft = sim.ctx.net.namespaces.get(worker)?.nft?.['ip kube-proxy'];
  if (mode === 'nftables') {
    run.nftRulesPerNode = nft ? countNftRules(nft) : -1;
    run.nftElementsPerNode = nft ? Object.values(nft.sets).reduce((a, s) => a + Object.keys(s.elements).length, 0) : -1;
  }
  return run;
}

export function traceModes(services: number): Record<string, TraceRun | Skipped> {
  const out: Record<string, TraceRun | Skipped> = {};
  for (const mode of ['iptables', 'ipvs', 'nftables'] as const) {
    try {
      out[mode] = traceServices(mode, services);
    } catch (e) {
      out[mode] = skipped(`${mode} mode failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return out;
}

/** Encoded URL length and codec time, for the default scenario and one with 100 pods. */
export function urlCodec(): Record<string, { chars: number; encodeMs: number; decodeMs: number }> {
  const measure = (sim: Simulation): { chars: number; encodeMs: number; decodeMs: number } => {
    const state = { scenario: sim.scenario, actions: sim.actions };
    const n = 20;
    let enc = '';
    let t = performance.now();
    for (let i = 0; i < n; i++) enc = encodeState(state);
    const encodeMs = (performance.now() - t) / n;
    t = performance.now();
    for (let i = 0; i < n; i++) decodeState(enc);
    const decodeMs = (performance.now() - t) / n;
    return { chars: enc.length + 1, encodeMs: round(encodeMs, 3), decodeMs: round(decodeMs, 3) };
  };
  const def = Simulation.create(defaultScenario());
  const hundred = Simulation.create(defaultScenario());
  const r = hundred.applyManifest(deploymentYaml('hundred', 100 - hundred.pods().filter((p) => p.metadata.namespace === 'default').length));
  if (r.exitCode !== 0) throw new Error(r.output);
  return { defaultScenario: measure(def), hundredPods: measure(hundred) };
}
