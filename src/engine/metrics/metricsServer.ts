/**
 * metrics-server: while a pod of the metrics-server Deployment runs (metrics/addon.ts; the
 * kubelet starts this process for the container image, metrics/daemon.ts), it scrapes each
 * kubelet's resource metrics at start and every 15 s (--metric-resolution) and serves the
 * latest sample through the Metrics API (metrics.k8s.io/v1beta1), which `kubectl top` and the
 * HPA controller read. The API is available only while a metrics-server pod is Ready (the
 * aggregator's APIService needs a ready endpoint); with none, the samples are gone. Usage is modelled: a component's idle baseline
 * plus the CPU its share of the simulated load costs, capped at the container's CPU limit.
 * A pod gets metrics once two scrapes saw it running (CPU is a rate of a cumulative counter).
 */
import type { Node, Pod } from '../api/types';
import { bytes, milliCpu } from '../api/quantity';
import type { SimContext } from '../sim/context';
import { fnv1a32 } from '../sim/hash';
import { cpuPerRequestMs, podRequestRates } from './load';

export const METRIC_RESOLUTION_MS = 15_000;
const MI = 1024 * 1024;

export interface PodMetrics {
  namespace: string;
  name: string;
  node: string;
  timestamp: number;
  /** Per container: millicores and bytes. */
  containers: { name: string; cpu: number; memory: number }[];
}

export interface NodeMetrics {
  name: string;
  timestamp: number;
  cpu: number;
  memory: number;
}

interface State {
  /** Running metrics-server processes: pod uid → namespace/name. */
  instances: Map<string, { namespace: string; name: string }>;
  /** Bumped when the last process stops, so its scrape loop ends. */
  generation: number;
  pods: Map<string, PodMetrics>;
  nodes: Map<string, NodeMetrics>;
  /** Pods running at the previous scrape (uid), to need two samples before serving a rate. */
  seen: Set<string>;
}

const states = new WeakMap<SimContext, State>();

function state(ctx: SimContext): State {
  let s = states.get(ctx);
  if (!s) states.set(ctx, (s = { instances: new Map(), generation: 0, pods: new Map(), nodes: new Map(), seen: new Set() }));
  return s;
}

/** Idle usage of well-known components (millicores, MiB), as a fresh kubeadm cluster shows. */
const BASELINE: [RegExp, number, number][] = [
  [/^kube-apiserver/, 45, 230],
  [/^etcd/, 20, 45],
  [/^kube-controller-manager/, 12, 50],
  [/^kube-scheduler/, 4, 22],
  [/^coredns/, 2, 13],
  [/^kube-proxy/, 1, 16],
  [/^kube-flannel/, 4, 12],
  [/^calico-node/, 22, 120],
  [/^calico-kube-controllers/, 2, 16],
  [/^metrics-server/, 3, 19],
];

function baseline(pod: Pod, image: string): [number, number] {
  for (const [re, cpu, mem] of BASELINE) if (re.test(pod.metadata.name)) return [cpu, mem];
  if (/hpa-example|php-apache/.test(image)) return [1, 10];
  if (/nginx/.test(image)) return [0, 3];
  return [0, 1];
}

/** A small, deterministic wobble per pod and sample so numbers look measured, not constant. */
function jitter(key: string, t: number, span: number): number {
  return (fnv1a32(`${key}@${t}`) % (span + 1)) - Math.floor(span / 2);
}

/** One scrape of every node's kubelet. */
export function scrape(ctx: SimContext): void {
  const s = state(ctx);
  const t = ctx.clock.now;
  const rates = podRequestRates(ctx);
  const pods = new Map<string, PodMetrics>();
  const seen = new Set<string>();
  const nodeUse = new Map<string, { cpu: number; memory: number }>();
  for (const p of ctx.api.peekAll('Pod') as Pod[]) {
    if (p.status?.phase !== 'Running' || !p.spec.nodeName) continue;
    const key = `${p.metadata.namespace}/${p.metadata.name}`;
    seen.add(p.metadata.uid ?? key);
    const rps = rates.get(key) ?? 0;
    const containers = p.spec.containers.map((c, i) => {
      const [cpu0, mem0] = baseline(p, c.image);
      // Requests reach the first container with a port (the server); sidecars idle.
      const served = i === (p.spec.containers.findIndex((x) => (x.ports ?? []).length > 0) + 1 || 1) - 1 ? rps : 0;
      const limit = c.resources?.limits?.cpu ? milliCpu(c.resources.limits.cpu) : 4000;
      const cpu = Math.max(0, Math.min(limit, Math.round(cpu0 + (served * cpuPerRequestMs(c.image)) + (cpu0 > 0 ? jitter(key + c.name, t, 2) : 0))));
      const memLimit = c.resources?.limits?.memory ? bytes(c.resources.limits.memory) : Infinity;
      const memory = Math.min(memLimit, (mem0 + Math.round(served / 20)) * MI + (fnv1a32(key + c.name) % 512) * 1024);
      return { name: c.name, cpu, memory };
    });
    const use = nodeUse.get(p.spec.nodeName) ?? { cpu: 0, memory: 0 };
    for (const c of containers) {
      use.cpu += c.cpu;
      use.memory += c.memory;
    }
    nodeUse.set(p.spec.nodeName, use);
    if (s.seen.has(p.metadata.uid ?? key)) pods.set(key, { namespace: p.metadata.namespace!, name: p.metadata.name, node: p.spec.nodeName, timestamp: t, containers });
  }
  const nodes = new Map<string, NodeMetrics>();
  for (const n of ctx.api.peekAll('Node') as Node[]) {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready) continue;
    const use = nodeUse.get(n.metadata.name) ?? { cpu: 0, memory: 0 };
    // The kubelet, containerd and the OS use some too.
    nodes.set(n.metadata.name, { name: n.metadata.name, timestamp: t, cpu: use.cpu + 30 + jitter(n.metadata.name, t, 6), memory: use.memory + 520 * MI });
  }
  s.pods = pods;
  s.nodes = nodes;
  s.seen = seen;
}

/** A metrics-server process started (its container runs): the first one starts scraping, at once. */
export function metricsServerStarted(ctx: SimContext, pod: Pod): void {
  const s = state(ctx);
  const first = s.instances.size === 0;
  s.instances.set(pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`, { namespace: pod.metadata.namespace ?? 'kube-system', name: pod.metadata.name });
  if (!first) return;
  const gen = s.generation;
  const loop = (): void => {
    if (s.generation !== gen) return;
    scrape(ctx);
    ctx.clock.schedule(METRIC_RESOLUTION_MS, 'metrics-server', loop, true);
  };
  loop();
}

/** A metrics-server process stopped: with none left, scraping ends and the samples (kept in memory) are lost. */
export function metricsServerStopped(ctx: SimContext, pod: Pod): void {
  const s = state(ctx);
  s.instances.delete(pod.metadata.uid ?? `${pod.metadata.namespace}/${pod.metadata.name}`);
  if (s.instances.size > 0) return;
  s.generation++;
  s.pods = new Map();
  s.nodes = new Map();
  s.seen = new Set();
}

/** Whether the Metrics API answers: some metrics-server process runs in a Ready pod. */
export function metricsApiAvailable(ctx: SimContext): boolean {
  for (const { namespace, name } of state(ctx).instances.values()) {
    const pod = ctx.api.get<Pod>('Pod', namespace, name);
    if (pod?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')) return true;
  }
  return false;
}

/** What a client of the aggregated API gets while no metrics-server endpoint is ready. */
export const METRICS_API_UNAVAILABLE = 'the server is currently unable to handle the request (get pods.metrics.k8s.io)';

/** One pod's sample (callers check metricsApiAvailable once, not per pod). */
export function podMetrics(ctx: SimContext, namespace: string, name: string): PodMetrics | undefined {
  return state(ctx).pods.get(`${namespace}/${name}`);
}

export function allPodMetrics(ctx: SimContext): PodMetrics[] {
  return metricsApiAvailable(ctx) ? [...state(ctx).pods.values()] : [];
}

export function allNodeMetrics(ctx: SimContext): NodeMetrics[] {
  return metricsApiAvailable(ctx) ? [...state(ctx).nodes.values()] : [];
}

export function podCpu(m: PodMetrics): number {
  return m.containers.reduce((a, c) => a + c.cpu, 0);
}

export function podMemory(m: PodMetrics): number {
  return m.containers.reduce((a, c) => a + c.memory, 0);
}
