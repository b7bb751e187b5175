/**
 * The cluster's invariants, checked after every step of random action sequences. Each
 * returns the violations it found (empty when all is well).
 */
import { cidrContains } from '../engine/net/ip';
import type { Trace } from '../engine/net/trace';
import type { Simulation } from '../engine/sim/simulation';
import type { Endpoints, Pod, Service } from '../engine/api/types';
import { selectorMatches } from '../engine/api/validation';

export const INVARIANTS = ['unique pod IPs', 'pod IP in its node\'s podCIDR', 'running pods are wired', 'traces end with a reason', 'Endpoints equal the ready pods the selector matches'] as const;

export function checkInvariants(sim: Simulation, traces: Trace[]): string[] {
  const out: string[] = [];
  const pods = sim.pods();
  const seen = new Map<string, string>();
  const cidrs = new Map(sim.nodes().map((n) => [n.metadata.name, n.spec.podCIDR]));
  for (const p of pods) {
    const id = `${p.metadata.namespace}/${p.metadata.name}`;
    const ip = p.status?.podIP;
    if (!ip || p.spec.hostNetwork) continue;
    if (seen.has(ip)) out.push(`unique pod IPs: ${id} and ${seen.get(ip)} share ${ip}`);
    seen.set(ip, id);
    const cidr = cidrs.get(p.spec.nodeName ?? '');
    if (cidr && sim.scenario.cluster.cni !== 'none' && !cidrContains(cidr, ip)) out.push(`pod IP in its node's podCIDR: ${id} has ${ip}, outside ${cidr} of ${p.spec.nodeName}`);
    if (p.status?.phase === 'Running') {
      const ns = sim.podNetns(id);
      const eth0 = ns?.links.find((l) => l.name === 'eth0');
      const host = sim.ctx.net.namespaces.get(p.spec.nodeName ?? '');
      const veth = eth0?.peer && host?.links.find((l) => l.name === eth0.peer!.ifname);
      if (!ns || !eth0 || !eth0.addrs.some((a) => a.address === ip) || !veth || !veth.master) out.push(`running pods are wired: ${id} lacks its netns, eth0 with ${ip}, or a host veth on a bridge`);
    }
  }
  out.push(...endpointViolations(sim));
  for (const t of traces) {
    if (t.outcome !== 'delivered' && t.outcome !== 'dropped') out.push(`traces end with a reason: outcome ${String(t.outcome)}`);
    if (t.outcome === 'dropped' && !t.reason) out.push(`traces end with a reason: a drop to ${t.dst} without a reason`);
    if (t.steps.length > 2000) out.push(`traces end with a reason: ${t.steps.length} steps to ${t.dst}`);
  }
  return out;
}

/** A Service's Endpoints hold exactly the ready, live pods its selector matches (numeric target ports only). */
function endpointViolations(sim: Simulation): string[] {
  const out: string[] = [];
  const pods = sim.ctx.api.peekAll('Pod') as Pod[];
  for (const svc of sim.ctx.api.peekAll('Service') as Service[]) {
    const { namespace: ns, name } = svc.metadata;
    if (!svc.spec.selector || svc.spec.type === 'ExternalName' || (svc.spec.ports ?? []).some((p) => typeof p.targetPort === 'string')) continue;
    const ready = (p: Pod): boolean => (p.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
    const want = pods
      .filter((p) => p.metadata.namespace === ns && selectorMatches({ matchLabels: svc.spec.selector }, p.metadata.labels))
      .filter((p) => p.status?.podIP && ready(p) && !p.metadata.deletionTimestamp && p.status.phase !== 'Succeeded' && p.status.phase !== 'Failed')
      .map((p) => p.status!.podIP!);
    const ep = sim.ctx.api.peekAll('Endpoints').find((e) => e.metadata.namespace === ns && e.metadata.name === name) as Endpoints | undefined;
    const have = (ep?.subsets ?? []).flatMap((s) => (s.addresses ?? []).map((a) => a.ip));
    const a = [...want].sort().join(',');
    const b = [...have].sort().join(',');
    if ((svc.spec.ports ?? []).length > 0 && a !== b) out.push(`Endpoints equal the ready pods the selector matches: ${ns}/${name} has [${b}], the ready pods are [${a}]`);
  }
  return out;
}
