/** kubectl top pod|node: the Metrics API (metrics-server) as kubectl prints it. */
import type { Node, Pod } from '../../api/types';
import { bytes, milliCpu } from '../../api/quantity';
import { selectorMatches } from '../../api/validation';
import { allNodeMetrics, allPodMetrics, metricsApiAvailable, podCpu, podMemory, type PodMetrics } from '../../metrics/metricsServer';
import { isoAt, simMsOf } from '../../sim/time';
import { table } from '../table';
import { fail, ok, type CommandResult } from '../types';
import type { Kctx } from './context';
import { parseSelector } from './selector';

export const TOP_FLAGS = { value: ['selector', 'sort-by', 'field-selector'], bool: ['containers', 'no-headers', 'use-protocol-buffers', 'sum', 'show-capacity'], short: { l: 'selector' } };

const MI = 1024 * 1024;
const cpuText = (m: number): string => `${m}m`;
const memText = (b: number): string => `${Math.floor(b / MI)}Mi`;

function sortBy(k: Kctx): 'cpu' | 'memory' | undefined | string {
  return k.p.flags.get('sort-by');
}

export function top(k: Kctx): CommandResult {
  const [what, ...names] = k.p.positional;
  // kubectl's discovery finds no served metrics.k8s.io (no Ready metrics-server behind the APIService).
  if (['pod', 'pods', 'po', 'node', 'nodes', 'no'].includes(what) && !metricsApiAvailable(k.env.ctx)) return fail('error: Metrics API not available');
  if (what === 'pod' || what === 'pods' || what === 'po') return topPods(k, names[0]);
  if (what === 'node' || what === 'nodes' || what === 'no') return topNodes(k, names[0]);
  return fail(`Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]`);
}

function order<T>(k: Kctx, rows: T[], cpu: (r: T) => number, mem: (r: T) => number): T[] | string {
  const s = sortBy(k);
  if (s === undefined) return rows;
  if (s !== 'cpu' && s !== 'memory') return `error: --sort-by accepts only cpu or memory`;
  return [...rows].sort((a, b) => (s === 'cpu' ? cpu(b) - cpu(a) : mem(b) - mem(a)));
}

function topPods(k: Kctx, name: string | undefined): CommandResult {
  const ctx = k.env.ctx;
  const ns = k.namespace;
  const selText = k.p.flags.get('selector');
  const sel = selText ? parseSelector(selText) : undefined;
  if (typeof sel === 'string') return fail(sel);
  const pods = (ctx.api.peekAll('Pod') as Pod[]).filter((p) => (k.allNamespaces || p.metadata.namespace === ns) && (!name || p.metadata.name === name) && (!sel || selectorMatches(sel, p.metadata.labels)));
  let metrics = allPodMetrics(ctx).filter((m) => pods.some((p) => p.metadata.namespace === m.namespace && p.metadata.name === m.name));
  if (name && metrics.length === 0) {
    if (pods.length === 0) return fail(`Error from server (NotFound): pods "${name}" not found`);
    const secs = (ctx.clock.now - simMsOf(pods[0].metadata.creationTimestamp ?? isoAt(ctx.clock.now))) / 1000;
    return fail(`error: Metrics not available for pod ${ns}/${name}, age: ${secs}s`);
  }
  if (pods.length === 0) return fail(k.allNamespaces ? 'No resources found' : `No resources found in ${ns} namespace.`);
  if (metrics.length === 0) return fail('error: Metrics not available yet');
  metrics = [...metrics].sort((a, b) => (a.namespace === b.namespace ? (a.name < b.name ? -1 : 1) : a.namespace < b.namespace ? -1 : 1));
  const sorted = order<PodMetrics>(k, metrics, podCpu, podMemory);
  if (typeof sorted === 'string') return fail(sorted);
  const lead = (m: PodMetrics): string[] => (k.allNamespaces ? [m.namespace, m.name] : [m.name]);
  const header = [...(k.allNamespaces ? ['NAMESPACE'] : []), ...(k.p.flags.has('containers') ? ['POD', 'NAME'] : ['NAME']), 'CPU(cores)', 'MEMORY(bytes)'];
  const rows = k.p.flags.has('containers')
    ? sorted.flatMap((m) => m.containers.map((c) => [...lead(m), c.name, cpuText(c.cpu), memText(c.memory)]))
    : sorted.map((m) => [...lead(m), cpuText(podCpu(m)), memText(podMemory(m))]);
  const out = table(header, rows);
  return ok(k.p.flags.has('no-headers') ? out.split('\n').slice(1).join('\n') : out);
}

function topNodes(k: Kctx, name: string | undefined): CommandResult {
  const ctx = k.env.ctx;
  const nodes = ctx.api.list<Node>('Node').filter((n) => !name || n.metadata.name === name);
  if (name && nodes.length === 0) return fail(`Error from server (NotFound): nodes "${name}" not found`);
  const metrics = allNodeMetrics(ctx).filter((m) => nodes.some((n) => n.metadata.name === m.name));
  if (metrics.length === 0) return fail(name ? `error: metrics not available yet` : 'error: metrics not available yet');
  const sorted = order(k, metrics, (m) => m.cpu, (m) => m.memory);
  if (typeof sorted === 'string') return fail(sorted);
  const rows: string[][] = [];
  for (const m of sorted) {
    const n = nodes.find((x) => x.metadata.name === m.name)!;
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    const cpuAlloc = milliCpu(alloc.cpu) || 1;
    const memAlloc = bytes(alloc.memory) || 1;
    rows.push([m.name, cpuText(m.cpu), `${Math.floor((m.cpu * 100) / cpuAlloc)}%`, memText(m.memory), `${Math.floor((m.memory * 100) / memAlloc)}%`]);
  }
  // Nodes without metrics (NotReady) are listed with <unknown> after the others.
  for (const n of nodes) if (!metrics.some((m) => m.name === n.metadata.name) && !name) rows.push([n.metadata.name, '<unknown>', '<unknown>', '<unknown>', '<unknown>']);
  const out = table(['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'], rows);
  return ok(k.p.flags.has('no-headers') ? out.split('\n').slice(1).join('\n') : out);
}
