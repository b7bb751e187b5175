/**
 * Kubernetes NetworkPolicy semantics as a pure function (the spec every enforcing plugin
 * implements): a pod is isolated in a direction only when some policy selects it with that
 * policy type; then a connection is allowed when some rule of such a policy matches the peer
 * (from/to) and the port. Felix compiles exactly this into iptables; the tests pin it down.
 */
import type { Labels, Namespace, NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod } from '../../api/types';
import { selectorMatches } from '../../api/validation';
import { cidrContains } from '../../net/ip';
import type { SimContext } from '../../sim/context';

export type Direction = 'Ingress' | 'Egress';
export type Proto = 'tcp' | 'udp' | 'icmp' | 'sctp';

/** The other end of a connection: an IP, and the pod owning it when it is a pod. */
export interface Peer {
  ip: string;
  pod?: Pod;
}

export interface PolicyWorld {
  policies: NetworkPolicy[];
  /** Namespace name → its labels. */
  namespaceLabels: (ns: string) => Labels;
}

export interface Verdict {
  allowed: boolean;
  /** The policies that select the pod for this direction (empty: not isolated). */
  isolatedBy: NetworkPolicy[];
  /** The policy whose rule allowed it. */
  allowedBy?: NetworkPolicy;
}

export const policyRef = (np: NetworkPolicy): string => `${np.metadata.namespace ?? 'default'}/${np.metadata.name}`;

export function policyTypes(np: NetworkPolicy): Direction[] {
  const t = np.spec.policyTypes;
  if (t && t.length > 0) return t;
  return np.spec.egress && np.spec.egress.length > 0 ? ['Ingress', 'Egress'] : ['Ingress'];
}

/** The policies that select a pod for a direction. */
export function selecting(world: PolicyWorld, pod: Pod, dir: Direction): NetworkPolicy[] {
  const ns = pod.metadata.namespace ?? 'default';
  return world.policies.filter((np) => (np.metadata.namespace ?? 'default') === ns && policyTypes(np).includes(dir) && selectorMatches(np.spec.podSelector ?? {}, pod.metadata.labels));
}

export function peerMatches(world: PolicyWorld, np: NetworkPolicy, p: NetworkPolicyPeer, peer: Peer): boolean {
  if (p.ipBlock) return cidrContains(p.ipBlock.cidr, peer.ip) && !(p.ipBlock.except ?? []).some((e) => cidrContains(e, peer.ip));
  if (!peer.pod) return false;
  const podNs = peer.pod.metadata.namespace ?? 'default';
  // podSelector alone: pods of the policy's namespace; namespaceSelector: pods of the matching namespaces; both: AND.
  if (p.namespaceSelector) {
    if (!selectorMatches(p.namespaceSelector, world.namespaceLabels(podNs))) return false;
  } else if (podNs !== (np.metadata.namespace ?? 'default')) return false;
  return p.podSelector ? selectorMatches(p.podSelector, peer.pod.metadata.labels) : true;
}

/** A named port resolves against the destination pod's container ports (name and protocol). */
export function resolvePort(port: NetworkPolicyPort, dstPod: Pod | undefined): number | undefined {
  if (typeof port.port === 'number') return port.port;
  const proto = port.protocol ?? 'TCP';
  for (const c of dstPod?.spec.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === port.port && (cp.protocol ?? 'TCP') === proto) return cp.containerPort;
  return undefined;
}

export function portMatches(ports: NetworkPolicyPort[] | undefined, proto: Proto, port: number | undefined, dstPod: Pod | undefined): boolean {
  if (!ports || ports.length === 0) return true;
  return ports.some((p) => {
    if ((p.protocol ?? 'TCP').toLowerCase() !== proto) return false;
    if (p.port === undefined) return true;
    const n = resolvePort(p, dstPod);
    if (n === undefined || port === undefined) return false;
    return p.endPort !== undefined ? port >= n && port <= p.endPort : port === n;
  });
}

/**
 * May `peer` reach `pod` (Ingress) or `pod` reach `peer` (Egress) with this protocol and
 * destination port? Replies of an allowed connection are not evaluated (conntrack lets them through).
 */
export function evaluate(world: PolicyWorld, dir: Direction, pod: Pod, peer: Peer, proto: Proto, port?: number): Verdict {
  const isolatedBy = selecting(world, pod, dir);
  if (isolatedBy.length === 0) return { allowed: true, isolatedBy };
  const dstPod = dir === 'Ingress' ? pod : peer.pod;
  for (const np of isolatedBy) {
    const rules = dir === 'Ingress' ? (np.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (np.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
    for (const r of rules) {
      const peerOk = !r.peers || r.peers.length === 0 || r.peers.some((p) => peerMatches(world, np, p, peer));
      if (peerOk && portMatches(r.ports, proto, port, dstPod)) return { allowed: true, isolatedBy, allowedBy: np };
    }
  }
  return { allowed: false, isolatedBy };
}

/** The policies and namespace labels as the apiserver holds them now. */
export function worldOf(ctx: SimContext): PolicyWorld {
  return {
    policies: ctx.api.peekAll('NetworkPolicy') as NetworkPolicy[],
    namespaceLabels: (ns) => ({ 'kubernetes.io/metadata.name': ns, ...(ctx.api.get<Namespace>('Namespace', undefined, ns)?.metadata.labels ?? {}) }),
  };
}

/** The (non-hostNetwork) pod that owns an IP, if any. */
export function podByIp(ctx: SimContext, ip: string): Pod | undefined {
  return (ctx.api.peekAll('Pod') as Pod[]).find((p) => !p.spec.hostNetwork && p.status?.podIP === ip && !p.metadata.deletionTimestamp);
}
