/** Small read-only lookups on a simulation's cluster, shared by the "Why?" explainers. */
import type { Node, Pod, Service } from '../api/types';
import { cidrContains } from '../net/ip';
import { formatRoute } from '../net/iproute2';
import type { Simulation } from '../sim/simulation';

export const podKey = (p: Pod): string => `${p.metadata.namespace ?? 'default'}/${p.metadata.name}`;
export const fullId = (id: string): string => (id.includes('/') ? id : `default/${id}`);

export function nodeIP(n: Node): string {
  return n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
}

/** The node whose podCIDR holds an address (a pod's node, for routes and masquerading). */
export function nodeOfAddress(sim: Simulation, ip: string): Node | undefined {
  return sim.nodes().find((n) => n.spec.podCIDR && cidrContains(n.spec.podCIDR, ip));
}

export function podByIdOrIp(sim: Simulation, idOrIp: string): Pod | undefined {
  return sim.pods().find((p) => podKey(p) === fullId(idOrIp) || (p.status?.podIP === idOrIp && !p.spec.hostNetwork));
}

export function serviceByClusterIP(sim: Simulation, ip: string): Service | undefined {
  return (sim.ctx.api.peekAll('Service') as Service[]).find((s) => s.spec.clusterIP === ip);
}

/** The interface on a machine that holds an address (enp0s8 on a Vagrant VM, eth0 in the cloud). */
export function ifaceWith(sim: Simulation, host: string, ip: string): string | undefined {
  return sim.ctx.net.namespaces.get(host)?.links.find((l) => l.addrs.some((a) => a.address === ip))?.name;
}

/** A machine's route for exactly this destination, as `ip route` prints it. */
export function routeLine(sim: Simulation, host: string, cidr: string): string | undefined {
  const r = sim.ctx.net.namespaces.get(host)?.routes.find((x) => x.dst === cidr);
  return r ? formatRoute(r) : undefined;
}
