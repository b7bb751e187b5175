/**
 * The apiserver's Service allocators: ClusterIPs from --service-cluster-ip-range and
 * NodePorts from --service-node-port-range. Dynamic picks come from the upper band of the
 * range (the lower band is kept for addresses asked for explicitly), at random, from the
 * seeded PRNG. The state is the set of Services itself, so it needs no storage of its own.
 */
import type { Service } from '../api/types';
import { cidr, cidrContains, isIPv4, nthAddress } from '../net/ip';
import type { Prng } from '../sim/prng';
import type { FieldError } from '../api/validation';

export const NODE_PORT_RANGE = { min: 30000, max: 32767 };
/** Reserved for cluster DNS (kubeadm's default clusterDNS). */
export const DNS_SERVICE_OFFSET = 10;

export function serviceRangeSize(serviceCIDR: string): number {
  return Number(cidr(serviceCIDR).getSize());
}

export function usedClusterIPs(services: readonly Service[]): Set<string> {
  const used = new Set<string>();
  for (const s of services) for (const ip of s.spec.clusterIPs ?? (s.spec.clusterIP ? [s.spec.clusterIP] : [])) if (ip !== 'None') used.add(ip);
  return used;
}

/** `services` may be the addresses in use already (the apiserver keeps them between creates). */
export function allocateClusterIP(serviceCIDR: string, services: readonly Service[] | ReadonlySet<string>, prng: Prng, requested?: string): { ip?: string; error?: FieldError } {
  const used = services instanceof Set ? services : usedClusterIPs(services as readonly Service[]);
  if (requested) {
    const field = 'spec.clusterIPs';
    if (!isIPv4(requested)) return { error: { field, detail: `Invalid value: []string{"${requested}"}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` } };
    if (!cidrContains(serviceCIDR, requested) || requested === nthAddress(serviceCIDR, 0)) {
      return { error: { field, detail: `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: the provided IP (${requested}) is not in the valid range. The range of valid IPs is ${serviceCIDR}` } };
    }
    if (used.has(requested)) return { error: { field, detail: `Invalid value: []string{"${requested}"}: failed to allocate IP ${requested}: provided IP is already allocated` } };
    return { ip: requested };
  }
  const size = serviceRangeSize(serviceCIDR);
  const lower = Math.min(Math.max(16, Math.floor(size / 16)), 256);
  const reserved = nthAddress(serviceCIDR, DNS_SERVICE_OFFSET);
  const span = size - 1 - lower;
  const start = prng.int(span);
  for (let i = 0; i < span; i++) {
    const ip = nthAddress(serviceCIDR, lower + ((start + i) % span));
    if (!used.has(ip) && ip !== reserved) return { ip };
  }
  return { error: { field: 'spec.clusterIPs', detail: 'Internal error: failed to allocate a serviceIP: range is full' } };
}

export function usedNodePorts(services: readonly Service[]): Set<number> {
  const used = new Set<number>();
  for (const s of services) for (const p of s.spec.ports ?? []) if (p.nodePort) used.add(p.nodePort);
  for (const s of services) if (s.spec.healthCheckNodePort) used.add(s.spec.healthCheckNodePort);
  return used;
}

export function allocateNodePort(used: Set<number>, prng: Prng, field: string, requested?: number): { port?: number; error?: FieldError } {
  if (requested !== undefined) {
    if (requested < NODE_PORT_RANGE.min || requested > NODE_PORT_RANGE.max) {
      return { error: { field, detail: `Invalid value: ${requested}: provided port is not in the valid range. The range of valid ports is ${NODE_PORT_RANGE.min}-${NODE_PORT_RANGE.max}` } };
    }
    if (used.has(requested)) return { error: { field, detail: `Invalid value: ${requested}: provided port is already allocated` } };
    used.add(requested);
    return { port: requested };
  }
  const size = NODE_PORT_RANGE.max - NODE_PORT_RANGE.min + 1;
  const lower = Math.min(Math.max(16, Math.floor(size / 32)), 128);
  const span = size - lower;
  const start = prng.int(span);
  for (let i = 0; i < span; i++) {
    const port = NODE_PORT_RANGE.min + lower + ((start + i) % span);
    if (!used.has(port)) {
      used.add(port);
      return { port };
    }
  }
  return { error: { field, detail: 'Internal error: range is full' } };
}
