/**
 * kube-proxy's iptables mode, the sync function: from Services and EndpointSlices to the
 * whole ruleset of one node, in the real layout — KUBE-SERVICES → KUBE-SVC-* (one rule per
 * endpoint, chosen with `-m statistic --mode random --probability 1/n`) → KUBE-SEP-* (DNAT),
 * KUBE-NODEPORTS → KUBE-EXT-*, KUBE-MARK-MASQ / KUBE-POSTROUTING for SNAT, KUBE-FORWARD.
 */
import type { EndpointSlice, Service, ServicePort } from '../api/types';
import { extChain, sepChain, servicePortName, svcChain } from './chainNames';

export interface ProxyInput {
  services: Service[];
  slices: EndpointSlice[];
  /** The cluster's pod CIDR (kube-proxy --cluster-cidr), for masquerading off-cluster clients. */
  clusterCIDR: string;
}

/** One table's part of the payload: chains in order, then rules as `-A CHAIN ...` word lists. */
export interface TablePayload {
  chains: string[];
  rules: [string, string[]][];
}

export interface ProxyPayload {
  nat: TablePayload;
  filter: TablePayload;
  /** Jumps from built-in chains into kube-proxy's chains, inserted at the top once. */
  jumps: { table: 'nat' | 'filter'; chain: string; words: string[] }[];
}

export const MASQ_MARK = '0x4000';

interface Endpoint {
  ip: string;
  port: number;
  ready: boolean;
}

/** Endpoints of one service port, from the service's slices (by port name). */
function endpointsFor(svc: Service, port: ServicePort, slices: EndpointSlice[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const s of slices) {
    if (s.metadata.namespace !== svc.metadata.namespace || s.metadata.labels?.['kubernetes.io/service-name'] !== svc.metadata.name) continue;
    const sp = (s.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (!sp?.port) continue;
    for (const e of s.endpoints) for (const ip of e.addresses) out.push({ ip, port: sp.port, ready: e.conditions?.ready !== false });
  }
  // kube-proxy sorts endpoints so the ruleset is stable.
  return out.filter((e) => e.ready).sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
}

const comment = (text: string): string[] => ['-m', 'comment', '--comment', text];

export function buildProxyRules(input: ProxyInput): ProxyPayload {
  const nat: TablePayload = { chains: ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'], rules: [] };
  const filter: TablePayload = { chains: ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-FORWARD'], rules: [] };
  const natAdd = (chain: string, words: string[]): void => void nat.rules.push([chain, words]);
  const filterAdd = (chain: string, words: string[]): void => void filter.rules.push([chain, words]);

  natAdd('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'RETURN']);
  natAdd('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', MASQ_MARK]);
  natAdd('KUBE-POSTROUTING', [...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully']);
  natAdd('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', MASQ_MARK]);

  const services = [...input.services].sort((a, b) => (`${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1));
  for (const svc of services) {
    const cip = svc.spec.clusterIP;
    if (!cip || cip === 'None' || svc.spec.type === 'ExternalName') continue;
    for (const port of svc.spec.ports ?? []) {
      const proto = (port.protocol ?? 'TCP').toLowerCase();
      const spn = servicePortName(svc.metadata.namespace!, svc.metadata.name, port.name);
      const svcName = svcChain(spn, proto);
      const eps = endpointsFor(svc, port, input.slices);
      const match = ['-p', proto, ...comment(`${spn} cluster IP`), '-m', proto, '--dport', String(port.port)];
      const nodePort = (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') && port.nodePort ? port.nodePort : undefined;
      if (eps.length === 0) {
        // No endpoints: REJECT in filter, so clients get "connection refused" at once.
        filterAdd('KUBE-SERVICES', ['-d', `${cip}/32`, '-p', proto, ...comment(`${spn} has no endpoints`), '-m', proto, '--dport', String(port.port), '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable']);
        if (nodePort) filterAdd('KUBE-NODEPORTS', ['-p', proto, ...comment(`${spn} has no endpoints`), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', proto, '--dport', String(nodePort), '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable']);
        continue;
      }
      nat.chains.push(svcName);
      natAdd('KUBE-SERVICES', ['-d', `${cip}/32`, ...match, '-j', svcName]);
      natAdd(svcName, ['!', '-s', input.clusterCIDR, '-d', `${cip}/32`, ...match, '-j', 'KUBE-MARK-MASQ']);
      if (nodePort) {
        const ext = extChain(spn, proto);
        nat.chains.push(ext);
        natAdd('KUBE-NODEPORTS', ['-p', proto, ...comment(spn), '-m', proto, '--dport', String(nodePort), '-j', ext]);
        natAdd(ext, [...comment(`masquerade traffic for ${spn} external destinations`), '-j', 'KUBE-MARK-MASQ']);
        natAdd(ext, ['-j', svcName]);
      }
      eps.forEach((ep, i) => {
        const endpoint = `${ep.ip}:${ep.port}`;
        const sep = sepChain(spn, proto, endpoint);
        nat.chains.push(sep);
        const left = eps.length - i;
        const pick = left > 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', (1 / left).toFixed(10)] : [];
        natAdd(svcName, [...comment(`${spn} -> ${endpoint}`), ...pick, '-j', sep]);
        // Hairpin: a pod reaching itself through the Service is masqueraded.
        natAdd(sep, ['-s', `${ep.ip}/32`, ...comment(spn), '-j', 'KUBE-MARK-MASQ']);
        natAdd(sep, ['-p', proto, ...comment(spn), '-m', proto, '-j', 'DNAT', '--to-destination', endpoint]);
      });
    }
  }
  natAdd('KUBE-SERVICES', [...comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS']);

  filterAdd('KUBE-FORWARD', ['-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP']);
  filterAdd('KUBE-FORWARD', [...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'ACCEPT']);
  filterAdd('KUBE-FORWARD', [...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);

  const jumps: ProxyPayload['jumps'] = [
    { table: 'nat', chain: 'PREROUTING', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'OUTPUT', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'POSTROUTING', words: [...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'] },
    { table: 'filter', chain: 'FORWARD', words: [...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'] },
    { table: 'filter', chain: 'FORWARD', words: ['-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'filter', chain: 'OUTPUT', words: ['-m', 'conntrack', '--ctstate', 'NEW', ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
  ];
  return { nat, filter, jumps };
}
