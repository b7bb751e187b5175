/**
 * kube-proxy's iptables mode, the sync function: from Services and EndpointSlices to the
 * whole ruleset of one node, in the real (v1.34) layout — KUBE-SERVICES → KUBE-SVC-* (one
 * rule per endpoint, chosen with `-m statistic --mode random --probability 1/n`, after
 * `-m recent` checks for sessionAffinity: ClientIP) → KUBE-SEP-* (DNAT); NodePorts,
 * external and load-balancer IPs → KUBE-EXT-* (masquerade, or KUBE-SVL-* with only this
 * node's endpoints for externalTrafficPolicy: Local); KUBE-MARK-MASQ / KUBE-POSTROUTING for
 * SNAT; filter: REJECT without endpoints, DROP without local endpoints, health check ports.
 * Headless Services (clusterIP: None) and ExternalName Services get no rules: DNS alone
 * answers for them.
 */
import type { EndpointSlice, Service, ServicePort } from '../api/types';
import { extChain, sepChain, servicePortName, svcChain, svlChain } from './chainNames';
import { perService, slicesOf, type PerServiceCache } from './perService';

export interface ProxyInput {
  services: Service[];
  slices: EndpointSlice[];
  /** The cluster's pod CIDR (kube-proxy --cluster-cidr), for masquerading off-cluster clients. */
  clusterCIDR: string;
  /** The node this kube-proxy runs on: its endpoints are the "local" ones. */
  nodeName?: string;
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
/** sessionAffinityConfig.clientIP.timeoutSeconds default: 3 hours. */
export const AFFINITY_SECONDS = 10800;

export interface Endpoint {
  ip: string;
  port: number;
  ready: boolean;
  nodeName?: string;
}

/** Ready endpoints of one service port, from the service's slices (by port name), sorted as kube-proxy does. */
export function endpointsFor(svc: Service, port: ServicePort, slices: EndpointSlice[]): Endpoint[] {
  const out: Endpoint[] = [];
  for (const s of slicesOf(svc, slices)) {
    const sp = (s.ports ?? []).find((p) => (p.name ?? '') === (port.name ?? '') && (p.protocol ?? 'TCP') === (port.protocol ?? 'TCP'));
    if (!sp?.port) continue;
    for (const e of s.endpoints) for (const ip of e.addresses) out.push({ ip, port: sp.port, ready: e.conditions?.ready !== false, nodeName: e.nodeName });
  }
  return out.filter((e) => e.ready).sort((a, b) => (a.ip === b.ip ? a.port - b.port : a.ip < b.ip ? -1 : 1));
}

/** Services kube-proxy programs: not headless, not ExternalName, with a ClusterIP. */
export function proxied(svc: Service): boolean {
  const cip = svc.spec.clusterIP;
  return !!cip && cip !== 'None' && svc.spec.type !== 'ExternalName';
}

export function sortServices(services: Service[]): Service[] {
  // Keys built once, not in every comparison (the same comparisons, so the same order).
  const keyed = services.map((s) => ({ s, k: `${s.metadata.namespace}/${s.metadata.name}` }));
  return keyed.sort((a, b) => (a.k < b.k ? -1 : 1)).map((x) => x.s);
}

/** The load-balancer ingress IPs kube-proxy captures (status.loadBalancer.ingress[].ip). */
export function lbIPs(svc: Service): string[] {
  if (svc.spec.type !== 'LoadBalancer') return [];
  return (svc.status?.loadBalancer?.ingress ?? []).map((i) => i.ip).filter((ip): ip is string => !!ip);
}

export const comment = (text: string): string[] => ['-m', 'comment', '--comment', text];

/** One Service's part of the payload, in the order kube-proxy writes it. */
interface Fragment {
  natChains: string[];
  nat: [string, string[]][];
  filter: [string, string[]][];
}

function serviceRules(svc: Service, input: ProxyInput): Fragment {
  const frag: Fragment = { natChains: [], nat: [], filter: [] };
  const nat = { chains: frag.natChains };
  const natAdd = (chain: string, words: string[]): void => void frag.nat.push([chain, words]);
  const filterAdd = (chain: string, words: string[]): void => void frag.filter.push([chain, words]);
  const cip = svc.spec.clusterIP!;
  const affinity = svc.spec.sessionAffinity === 'ClientIP';
  const seconds = String(svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? AFFINITY_SECONDS);
  for (const port of svc.spec.ports ?? []) {
    const proto = (port.protocol ?? 'TCP').toLowerCase();
    const spn = servicePortName(svc.metadata.namespace!, svc.metadata.name, port.name);
    const svcName = svcChain(spn, proto);
    const ext = extChain(spn, proto);
    const eps = endpointsFor(svc, port, input.slices);
    const localEps = eps.filter((e) => e.nodeName !== undefined && e.nodeName === input.nodeName);
    const dport = ['-m', proto, '--dport', String(port.port)];
    const nodePort = (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') && port.nodePort ? port.nodePort : undefined;
    const externalIPs = [...(svc.spec.externalIPs ?? []).map((ip) => ({ ip, what: 'external IP' })), ...lbIPs(svc).map((ip) => ({ ip, what: 'loadbalancer IP' }))];
    const hasExternal = nodePort !== undefined || externalIPs.length > 0;
    const local = hasExternal && svc.spec.externalTrafficPolicy === 'Local';
    if (local && svc.spec.healthCheckNodePort) {
      filterAdd('KUBE-NODEPORTS', ['-p', 'tcp', ...comment(`${spn} health check node port`), '-m', 'tcp', '--dport', String(svc.spec.healthCheckNodePort), '-j', 'ACCEPT']);
    }
    if (eps.length === 0) {
      // No endpoints: REJECT in filter, so clients get "connection refused" at once.
      const reject = ['-j', 'REJECT', '--reject-with', 'icmp-port-unreachable'];
      filterAdd('KUBE-SERVICES', ['-d', `${cip}/32`, '-p', proto, ...comment(`${spn} has no endpoints`), ...dport, ...reject]);
      for (const e of externalIPs) filterAdd('KUBE-EXTERNAL-SERVICES', ['-d', `${e.ip}/32`, '-p', proto, ...comment(`${spn} has no endpoints`), ...dport, ...reject]);
      if (nodePort) filterAdd('KUBE-EXTERNAL-SERVICES', ['-p', proto, ...comment(`${spn} has no endpoints`), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', proto, '--dport', String(nodePort), ...reject]);
      continue;
    }
    nat.chains.push(svcName);
    natAdd('KUBE-SERVICES', ['-d', `${cip}/32`, '-p', proto, ...comment(`${spn} cluster IP`), ...dport, '-j', svcName]);
    for (const e of externalIPs) natAdd('KUBE-SERVICES', ['-d', `${e.ip}/32`, '-p', proto, ...comment(`${spn} ${e.what}`), ...dport, '-j', ext]);
    natAdd(svcName, ['!', '-s', input.clusterCIDR, '-d', `${cip}/32`, '-p', proto, ...comment(`${spn} cluster IP`), ...dport, '-j', 'KUBE-MARK-MASQ']);
    const pickInto = (chain: string, list: typeof eps): void => {
      if (affinity) {
        // A client seen within the timeout goes back to the endpoint it had (xt_recent per endpoint).
        for (const ep of list) {
          const sep = sepChain(spn, proto, `${ep.ip}:${ep.port}`);
          natAdd(chain, [...comment(`${spn} -> ${ep.ip}:${ep.port}`), '-m', 'recent', '--name', sep, '--rcheck', '--seconds', seconds, '--reap', '-j', sep]);
        }
      }
      list.forEach((ep, i) => {
        const left = list.length - i;
        const pick = left > 1 ? ['-m', 'statistic', '--mode', 'random', '--probability', (1 / left).toFixed(10)] : [];
        natAdd(chain, [...comment(`${spn} -> ${ep.ip}:${ep.port}`), ...pick, '-j', sepChain(spn, proto, `${ep.ip}:${ep.port}`)]);
      });
    };
    if (hasExternal) {
      nat.chains.push(ext);
      if (nodePort) natAdd('KUBE-NODEPORTS', ['-p', proto, ...comment(spn), '-m', proto, '--dport', String(nodePort), '-j', ext]);
      if (!local) {
        natAdd(ext, [...comment(`masquerade traffic for ${spn} external destinations`), '-j', 'KUBE-MARK-MASQ']);
        natAdd(ext, ['-j', svcName]);
      } else {
        // Local: pods and the node itself may use any endpoint; outside clients only this node's, unmasqueraded.
        natAdd(ext, ['-s', input.clusterCIDR, ...comment(`pod traffic for ${spn} external destinations`), '-j', svcName]);
        natAdd(ext, [...comment(`masquerade LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', 'KUBE-MARK-MASQ']);
        natAdd(ext, [...comment(`route LOCAL traffic for ${spn} external destinations`), '-m', 'addrtype', '--src-type', 'LOCAL', '-j', svcName]);
        if (localEps.length > 0) {
          const svl = svlChain(spn, proto);
          nat.chains.push(svl);
          natAdd(ext, ['-j', svl]);
          pickInto(svl, localEps);
        } else {
          const drop = ['-j', 'DROP'];
          for (const e of externalIPs) filterAdd('KUBE-EXTERNAL-SERVICES', ['-d', `${e.ip}/32`, '-p', proto, ...comment(`${spn} has no local endpoints`), ...dport, ...drop]);
          if (nodePort) filterAdd('KUBE-EXTERNAL-SERVICES', ['-p', proto, ...comment(`${spn} has no local endpoints`), '-m', 'addrtype', '--dst-type', 'LOCAL', '-m', proto, '--dport', String(nodePort), ...drop]);
        }
      }
    }
    pickInto(svcName, eps);
    for (const ep of eps) {
      const endpoint = `${ep.ip}:${ep.port}`;
      const sep = sepChain(spn, proto, endpoint);
      nat.chains.push(sep);
      // Hairpin: a pod reaching itself through the Service is masqueraded.
      natAdd(sep, ['-s', `${ep.ip}/32`, ...comment(spn), '-j', 'KUBE-MARK-MASQ']);
      natAdd(sep, ['-p', proto, ...comment(spn), ...(affinity ? ['-m', 'recent', '--name', sep, '--set'] : []), '-m', proto, '-j', 'DNAT', '--to-destination', endpoint]);
    }
  }
  return frag;
}

const fragments: PerServiceCache<Fragment> = new WeakMap();

/** One array per distinct fixed rule (a handful: they do not depend on the Services). */
const interned = new Map<string, string[]>();
function intern(words: string[]): string[] {
  const key = words.join('\0');
  let w = interned.get(key);
  if (!w) interned.set(key, (w = words));
  return w;
}

export function buildProxyRules(input: ProxyInput): ProxyPayload {
  const nat: TablePayload = { chains: ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ'], rules: [] };
  const filter: TablePayload = { chains: ['KUBE-NODEPORTS', 'KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FIREWALL', 'KUBE-FORWARD', 'KUBE-PROXY-FIREWALL'], rules: [] };
  // The fixed rules come out as the same arrays every sync, so restore sees their chains unchanged.
  const natAdd = (chain: string, words: string[]): void => void nat.rules.push([chain, intern(words)]);
  const filterAdd = (chain: string, words: string[]): void => void filter.rules.push([chain, intern(words)]);

  natAdd('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'RETURN']);
  natAdd('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', MASQ_MARK]);
  natAdd('KUBE-POSTROUTING', [...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully']);
  natAdd('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', MASQ_MARK]);

  for (const svc of sortServices(input.services)) {
    if (!proxied(svc)) continue;
    // A Service whose object and slices did not change since the last sync gets the same words (and so the same parsed rules).
    const f = perService(fragments, svc, input, `${input.clusterCIDR}\0${svc.spec.externalTrafficPolicy === 'Local' ? (input.nodeName ?? '') : ''}`, () => serviceRules(svc, input));
    nat.chains.push(...f.natChains);
    for (const r of f.nat) nat.rules.push(r);
    for (const r of f.filter) filter.rules.push(r);
  }
  natAdd('KUBE-SERVICES', [...comment('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), '-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODEPORTS']);

  filterAdd('KUBE-FIREWALL', ['-d', '127.0.0.0/8', '!', '-s', '127.0.0.0/8', ...comment('block incoming localnet connections'), '-m', 'conntrack', '!', '--ctstate', 'RELATED,ESTABLISHED,DNAT', '-j', 'DROP']);
  filterAdd('KUBE-FORWARD', ['-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP']);
  filterAdd('KUBE-FORWARD', [...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'ACCEPT']);
  filterAdd('KUBE-FORWARD', [...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);

  return { nat, filter, jumps: proxyJumps() };
}

const NEW = ['-m', 'conntrack', '--ctstate', 'NEW'];

/** The jumps kube-proxy keeps at the top of the built-in chains (both modes). */
export function proxyJumps(): ProxyPayload['jumps'] {
  return [
    { table: 'nat', chain: 'PREROUTING', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'OUTPUT', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'POSTROUTING', words: [...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'] },
    { table: 'filter', chain: 'INPUT', words: [...NEW, ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
    { table: 'filter', chain: 'INPUT', words: [...comment('kubernetes health check service ports'), '-j', 'KUBE-NODEPORTS'] },
    { table: 'filter', chain: 'INPUT', words: [...NEW, ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'] },
    { table: 'filter', chain: 'INPUT', words: ['-j', 'KUBE-FIREWALL'] },
    { table: 'filter', chain: 'FORWARD', words: [...NEW, ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
    { table: 'filter', chain: 'FORWARD', words: [...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'] },
    { table: 'filter', chain: 'FORWARD', words: [...NEW, ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'filter', chain: 'FORWARD', words: [...NEW, ...comment('kubernetes externally-visible service portals'), '-j', 'KUBE-EXTERNAL-SERVICES'] },
    { table: 'filter', chain: 'OUTPUT', words: [...NEW, ...comment('kubernetes load balancer firewall'), '-j', 'KUBE-PROXY-FIREWALL'] },
    { table: 'filter', chain: 'OUTPUT', words: [...NEW, ...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'filter', chain: 'OUTPUT', words: ['-j', 'KUBE-FIREWALL'] },
  ];
}
