/**
 * Who can reach whom: a matrix of real packet traces from every running pod of the chosen
 * namespaces to every pod, every Service port and the outside world, computed on a replayed
 * copy of the simulation so probing leaves the learner's state (conntrack, counters, the
 * PRNG, the action log) exactly as it was.
 */
import type { Pod, Service } from '../api/types';
import type { Trace } from '../net/trace';
import { Simulation } from '../sim/simulation';

/** An example.com address on the simulated internet (net/uplink.ts). */
export const OUTSIDE_TARGET = { id: 'internet', label: 'example.com:80', ip: '93.184.215.14', port: 80 };

export interface ReachTarget {
  /** "pod:ns/name", "svc:ns/name:port" or "internet". */
  id: string;
  kind: 'pod' | 'service' | 'outside';
  label: string;
  /** What the probe is sent to. */
  ip: string;
  proto: 'icmp' | 'tcp' | 'udp';
  port?: number;
}

export interface ReachCell {
  ok: boolean;
  /** delivered and answered / refused (reached, nothing listens) / the drop's reason. */
  summary: string;
  /** The one thing that decided a drop: the rule or route, as the trace shows it. */
  decidedBy?: string;
}

export interface Reachability {
  sources: { id: string; label: string }[];
  targets: ReachTarget[];
  /** cells[i][j]: from sources[i] to targets[j]. */
  cells: ReachCell[][];
  /** The probes actually sent (for the UI's "n traces" note). */
  probes: number;
}

const podId = (p: Pod): string => `${p.metadata.namespace}/${p.metadata.name}`;

/** A pod's probe: TCP to its first declared container port (what a client would use), else ICMP. */
function podTarget(p: Pod): ReachTarget {
  const port = (p.spec.containers ?? []).flatMap((c) => c.ports ?? [])[0];
  const base = { id: `pod:${podId(p)}`, kind: 'pod' as const, label: podId(p), ip: p.status!.podIP! };
  if (!port) return { ...base, proto: 'icmp' };
  const proto = (port.protocol ?? 'TCP').toLowerCase() === 'udp' ? 'udp' : 'tcp';
  return { ...base, label: `${podId(p)}:${port.containerPort}`, proto, port: port.containerPort };
}

function serviceTargets(s: Service): ReachTarget[] {
  const ip = s.spec.clusterIP;
  if (!ip || ip === 'None' || s.spec.type === 'ExternalName') return [];
  return (s.spec.ports ?? []).map((p) => {
    const proto = (p.protocol ?? 'TCP').toLowerCase() === 'udp' ? ('udp' as const) : ('tcp' as const);
    const id = `${s.metadata.namespace}/${s.metadata.name}`;
    return { id: `svc:${id}:${p.port}`, kind: 'service' as const, label: `svc ${id}:${p.port}`, ip, proto, port: p.port };
  });
}

function cellOf(t: Trace): ReachCell {
  if (t.outcome === 'dropped') {
    const last = [...t.steps].reverse().find((s) => s.decidedBy);
    return { ok: false, summary: t.reason ?? 'dropped', decidedBy: last?.decidedBy };
  }
  if (t.refused) return { ok: true, summary: 'reached; nothing listens on that port (RST)' };
  if (t.proto === 'udp' && t.icmpError?.type === 'port-unreachable') return { ok: true, summary: 'reached; port unreachable' };
  if (!t.replied) return { ok: false, summary: 'delivered, but the reply did not come back' };
  return { ok: true, summary: t.listener ? `answered by ${t.listener}` : 'delivered and answered' };
}

/** Running pods with an address and a netns, in the given namespaces (all when empty), by id. */
function runningPods(sim: Simulation, namespaces: readonly string[]): Pod[] {
  return sim
    .pods()
    .filter((p) => p.status?.phase === 'Running' && p.status.podIP && !p.spec.hostNetwork && (namespaces.length === 0 || namespaces.includes(p.metadata.namespace ?? 'default')))
    .filter((p) => sim.podNetns(podId(p)))
    .sort((a, b) => podId(a).localeCompare(podId(b)));
}

export const MAX_REACH_PODS = 40;

export function reachability(live: Simulation, namespaces: readonly string[] = []): Reachability {
  const pods = runningPods(live, namespaces);
  if (pods.length > MAX_REACH_PODS) throw new Error(`${pods.length} running pods in the selection; the matrix shows at most ${MAX_REACH_PODS}: choose fewer namespaces`);
  const services = (live.ctx.api.peekAll('Service') as Service[])
    .filter((s) => namespaces.length === 0 || namespaces.includes(s.metadata.namespace ?? 'default'))
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  const targets: ReachTarget[] = [...pods.map(podTarget), ...services.flatMap(serviceTargets), { ...OUTSIDE_TARGET, kind: 'outside', proto: 'tcp' }];
  const sources = pods.map((p) => ({ id: podId(p), label: podId(p) }));
  // Probes change conntrack, counters and the PRNG: send them in a copy of the simulation.
  const sim = Simulation.replay(live.scenario, live.actions);
  const cells = sources.map((src) =>
    targets.map((t) => {
      if (t.id === `pod:${src.id}`) return { ok: true, summary: 'itself' };
      try {
        return cellOf(sim.trace(src.id, t.ip, t.proto === 'icmp' ? {} : { proto: t.proto, port: t.port }));
      } catch (e) {
        return { ok: false, summary: (e as Error).message };
      }
    }),
  );
  return { sources, targets, cells, probes: sources.length * targets.length - sources.length };
}
