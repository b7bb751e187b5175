/**
 * kube-proxy's ipvs mode (pkg/proxy/ipvs): every ClusterIP, external IP and load-balancer IP
 * is bound to the dummy device kube-ipvs0 (so the node treats it as its own address), each
 * service port is an IPVS virtual server with the endpoints as real servers (rr, Masq), and
 * NodePorts are virtual servers on the node's address. iptables keeps only a fixed handful
 * of rules that match ipsets (KUBE-CLUSTER-IP, KUBE-LOOP-BACK, KUBE-NODE-PORT-TCP ...) to
 * mark traffic for masquerade, filter stray ports on the VIPs and SNAT hairpin connections.
 */
import type { EndpointSlice, Node, Service } from '../api/types';
import { createIpset, replaceMembers, type IpsetState, type IpsetType } from '../net/ipset';
import { emptyIpvs, syncIpvs, type VirtualServiceSpec } from '../net/ipvs';
import type { Network } from '../net/network';
import type { NetNs } from '../net/types';
import { AFFINITY_SECONDS, comment, endpointsFor, lbIPs, MASQ_MARK, proxied, sortServices, type ProxyPayload, type TablePayload } from './rules';

export const IPVS_DEV = 'kube-ipvs0';

export interface IpvsInput {
  services: Service[];
  slices: EndpointSlice[];
  clusterCIDR: string;
  nodeName: string;
  /** The node's primary address: NodePort virtual servers listen there. */
  nodeIP?: string;
  /** kube-proxy's minor version (1.N): the VIP access filter exists since 1.27. Default: current. */
  minor?: number;
}

/**
 * Since kube-proxy 1.27 (kubernetes PR #108460) ipvs mode rejects anything addressed to a VIP
 * that is not one of its service ports — including a ping. Before, the VIP on kube-ipvs0 was
 * simply a local address, so the node itself answered the ping.
 */
export const IPVS_FILTER_SINCE_MINOR = 27;

/** Sets kube-proxy keeps in ipvs mode (pkg/proxy/ipvs/ipset.go), with their types. */
const SETS: [string, IpsetType][] = [
  ['KUBE-CLUSTER-IP', 'hash:ip,port'],
  ['KUBE-LOOP-BACK', 'hash:ip,port,ip'],
  ['KUBE-EXTERNAL-IP', 'hash:ip,port'],
  ['KUBE-EXTERNAL-IP-LOCAL', 'hash:ip,port'],
  ['KUBE-LOAD-BALANCER', 'hash:ip,port'],
  ['KUBE-LOAD-BALANCER-LOCAL', 'hash:ip,port'],
  ['KUBE-NODE-PORT-TCP', 'bitmap:port'],
  ['KUBE-NODE-PORT-LOCAL-TCP', 'bitmap:port'],
  ['KUBE-NODE-PORT-UDP', 'bitmap:port'],
  ['KUBE-NODE-PORT-LOCAL-UDP', 'bitmap:port'],
  ['KUBE-HEALTH-CHECK-NODE-PORT', 'bitmap:port'],
  ['KUBE-IPVS-IPS', 'hash:ip'],
];

export interface IpvsPlan {
  vips: string[];
  services: VirtualServiceSpec[];
  sets: Record<string, string[]>;
  payload: ProxyPayload;
}

export function buildIpvs(input: IpvsInput): IpvsPlan {
  const sets: Record<string, string[]> = Object.fromEntries(SETS.map(([n]) => [n, []]));
  // Sets (not includes) for what is already there: 10,000 Services put 50,000 members in KUBE-LOOP-BACK.
  const seen: Record<string, Set<string>> = Object.fromEntries(SETS.map(([n]) => [n, new Set<string>()]));
  const add = (set: string, member: string): void => {
    if (seen[set].has(member)) return;
    seen[set].add(member);
    sets[set].push(member);
  };
  const vips: string[] = [];
  const vipSeen = new Set<string>();
  const services: VirtualServiceSpec[] = [];
  for (const svc of sortServices(input.services)) {
    if (!proxied(svc)) continue;
    const persistent = svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? AFFINITY_SECONDS) : undefined;
    const local = svc.spec.externalTrafficPolicy === 'Local';
    const externals = [...(svc.spec.externalIPs ?? []).map((ip) => ({ ip, set: 'KUBE-EXTERNAL-IP' })), ...lbIPs(svc).map((ip) => ({ ip, set: 'KUBE-LOAD-BALANCER' }))];
    for (const ip of [svc.spec.clusterIP!, ...externals.map((e) => e.ip)]) {
      if (vipSeen.has(ip)) continue;
      vipSeen.add(ip);
      vips.push(ip);
    }
    if (svc.spec.healthCheckNodePort && local) add('KUBE-HEALTH-CHECK-NODE-PORT', String(svc.spec.healthCheckNodePort));
    for (const port of svc.spec.ports ?? []) {
      const proto = port.protocol ?? 'TCP';
      const p = proto.toLowerCase();
      const eps = endpointsFor(svc, port, input.slices);
      const all = eps.map((e) => ({ address: e.ip, port: e.port }));
      const mine = eps.filter((e) => e.nodeName === input.nodeName).map((e) => ({ address: e.ip, port: e.port }));
      const vs = (address: string, vport: number, servers: typeof all): void => void services.push({ proto, address, port: vport, persistent, servers });
      add('KUBE-CLUSTER-IP', `${svc.spec.clusterIP},${p}:${port.port}`);
      vs(svc.spec.clusterIP!, port.port, all);
      for (const e of externals) {
        add(e.set, `${e.ip},${p}:${port.port}`);
        if (local) add(`${e.set}-LOCAL`, `${e.ip},${p}:${port.port}`);
        vs(e.ip, port.port, local ? mine : all);
      }
      if ((svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') && port.nodePort && (p === 'tcp' || p === 'udp')) {
        add(`KUBE-NODE-PORT-${proto}`, String(port.nodePort));
        if (local) add(`KUBE-NODE-PORT-LOCAL-${proto}`, String(port.nodePort));
        if (input.nodeIP) vs(input.nodeIP, port.nodePort, local ? mine : all);
      }
      // Hairpin: an endpoint reaching itself through the VIP is masqueraded.
      for (const e of eps) add('KUBE-LOOP-BACK', `${e.ip},${p}:${e.port},${e.ip}`);
    }
  }
  for (const ip of vips) add('KUBE-IPVS-IPS', ip);
  return { vips, services, sets, payload: ipvsPayload(input.clusterCIDR, (input.minor ?? IPVS_FILTER_SINCE_MINOR) >= IPVS_FILTER_SINCE_MINOR) };
}

const set = (name: string, flags: string): string[] => ['-m', 'set', '--match-set', name, flags];

/** The fixed iptables rules of ipvs mode: they only refer to the ipsets. */
function ipvsPayload(clusterCIDR: string, vipFilter: boolean): ProxyPayload {
  const nat: TablePayload = { chains: ['KUBE-SERVICES', 'KUBE-POSTROUTING', 'KUBE-NODE-PORT', 'KUBE-LOAD-BALANCER', 'KUBE-MARK-MASQ'], rules: [] };
  const filterChains = ['KUBE-FORWARD', 'KUBE-NODE-PORT', 'KUBE-PROXY-FIREWALL', 'KUBE-SOURCE-RANGES-FIREWALL'];
  const filter: TablePayload = { chains: vipFilter ? [...filterChains, 'KUBE-IPVS-FILTER', 'KUBE-IPVS-OUT-FILTER'] : filterChains, rules: [] };
  const n = (chain: string, words: string[]): void => void nat.rules.push([chain, words]);
  const f = (chain: string, words: string[]): void => void filter.rules.push([chain, words]);
  n('KUBE-SERVICES', ['!', '-s', clusterCIDR, ...comment('Kubernetes service cluster ip + port for masquerade purpose'), ...set('KUBE-CLUSTER-IP', 'dst,dst'), '-j', 'KUBE-MARK-MASQ']);
  n('KUBE-SERVICES', [...comment('Kubernetes service lb portal'), ...set('KUBE-LOAD-BALANCER', 'dst,dst'), '-j', 'KUBE-LOAD-BALANCER']);
  n('KUBE-SERVICES', ['-m', 'addrtype', '--dst-type', 'LOCAL', '-j', 'KUBE-NODE-PORT']);
  n('KUBE-SERVICES', [...set('KUBE-CLUSTER-IP', 'dst,dst'), '-j', 'ACCEPT']);
  n('KUBE-SERVICES', [...set('KUBE-LOAD-BALANCER', 'dst,dst'), '-j', 'ACCEPT']);
  n('KUBE-POSTROUTING', [...comment('Kubernetes endpoints dst ip:port, source ip for solving hairpin purpose'), ...set('KUBE-LOOP-BACK', 'dst,dst,src'), '-j', 'MASQUERADE']);
  n('KUBE-POSTROUTING', ['-m', 'mark', '!', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'RETURN']);
  n('KUBE-POSTROUTING', ['-j', 'MARK', '--xor-mark', MASQ_MARK]);
  n('KUBE-POSTROUTING', [...comment('kubernetes service traffic requiring SNAT'), '-j', 'MASQUERADE', '--random-fully']);
  n('KUBE-LOAD-BALANCER', [...comment('Kubernetes service load balancer ip + port with externalTrafficPolicy=local'), ...set('KUBE-LOAD-BALANCER-LOCAL', 'dst,dst'), '-j', 'RETURN']);
  n('KUBE-LOAD-BALANCER', ['-j', 'KUBE-MARK-MASQ']);
  for (const proto of ['TCP', 'UDP']) {
    const p = proto.toLowerCase();
    n('KUBE-NODE-PORT', ['-p', p, ...comment(`Kubernetes nodeport ${proto} port with externalTrafficPolicy=local`), ...set(`KUBE-NODE-PORT-LOCAL-${proto}`, 'dst'), '-j', 'RETURN']);
    n('KUBE-NODE-PORT', ['-p', p, ...comment(`Kubernetes nodeport ${proto} port for masquerade purpose`), ...set(`KUBE-NODE-PORT-${proto}`, 'dst'), '-j', 'KUBE-MARK-MASQ']);
  }
  n('KUBE-MARK-MASQ', ['-j', 'MARK', '--or-mark', MASQ_MARK]);

  f('KUBE-FORWARD', [...comment('kubernetes forwarding rules'), '-m', 'mark', '--mark', `${MASQ_MARK}/${MASQ_MARK}`, '-j', 'ACCEPT']);
  f('KUBE-FORWARD', [...comment('kubernetes forwarding conntrack rule'), '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']);
  f('KUBE-NODE-PORT', [...comment('Kubernetes health check node port'), ...set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst'), '-j', 'ACCEPT']);
  f('KUBE-SOURCE-RANGES-FIREWALL', ['-j', 'DROP']);
  if (vipFilter) {
    for (const s of ['KUBE-LOAD-BALANCER', 'KUBE-CLUSTER-IP', 'KUBE-EXTERNAL-IP', 'KUBE-EXTERNAL-IP-LOCAL']) f('KUBE-IPVS-FILTER', [...set(s, 'dst,dst'), '-j', 'RETURN']);
    f('KUBE-IPVS-FILTER', [...set('KUBE-HEALTH-CHECK-NODE-PORT', 'dst'), '-j', 'RETURN']);
    // Anything else addressed to a VIP (another port, a ping) is refused: the VIP is local, but only its service ports are open.
    f('KUBE-IPVS-FILTER', ['-m', 'conntrack', '--ctstate', 'NEW', ...set('KUBE-IPVS-IPS', 'dst'), '-j', 'REJECT', '--reject-with', 'icmp-port-unreachable']);
  }

  const jumps: ProxyPayload['jumps'] = [
    { table: 'nat', chain: 'PREROUTING', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'OUTPUT', words: [...comment('kubernetes service portals'), '-j', 'KUBE-SERVICES'] },
    { table: 'nat', chain: 'POSTROUTING', words: [...comment('kubernetes postrouting rules'), '-j', 'KUBE-POSTROUTING'] },
    ...(vipFilter ? [{ table: 'filter' as const, chain: 'INPUT', words: [...comment('kubernetes ipvs access filter'), '-j', 'KUBE-IPVS-FILTER'] }] : []),
    { table: 'filter', chain: 'INPUT', words: [...comment('kube-proxy firewall rules'), '-j', 'KUBE-PROXY-FIREWALL'] },
    { table: 'filter', chain: 'INPUT', words: [...comment('kubernetes health check rules'), '-j', 'KUBE-NODE-PORT'] },
    { table: 'filter', chain: 'FORWARD', words: [...comment('kube-proxy firewall rules'), '-j', 'KUBE-PROXY-FIREWALL'] },
    { table: 'filter', chain: 'FORWARD', words: [...comment('kubernetes forwarding rules'), '-j', 'KUBE-FORWARD'] },
    ...(vipFilter ? [{ table: 'filter' as const, chain: 'OUTPUT', words: [...comment('kubernetes ipvs access filter'), '-j', 'KUBE-IPVS-OUT-FILTER'] }] : []),
  ];
  return { nat, filter, jumps };
}

/** Writes the plan into a node: kube-ipvs0 and its addresses, the ipsets, the IPVS table. */
export function applyIpvs(net: Network, ns: NetNs, plan: IpvsPlan): void {
  // kube-proxy's sysctls for ipvs mode: conntrack for the NAT, no ARP answers for the VIPs.
  Object.assign(ns.sysctl, { 'net.ipv4.vs.conntrack': '1', 'net.ipv4.conf.all.arp_ignore': '1', 'net.ipv4.conf.all.arp_announce': '2' });
  let dev = ns.links.find((l) => l.name === IPVS_DEV);
  if (!dev) dev = net.addLink(ns, IPVS_DEV, 'dummy', { up: false });
  const wanted = new Set(plan.vips);
  dev.addrs = dev.addrs.filter((a) => wanted.has(a.address));
  const present = new Set(dev.addrs.map((a) => a.address));
  // What `ip addr add VIP/32 dev kube-ipvs0` does (a /32 adds no route), without addAddress's scan of every address for each of 10,000 VIPs.
  for (const ip of plan.vips) if (!present.has(ip)) dev.addrs.push({ address: ip, prefix: 32, scope: 'global', broadcast: undefined });
  const sets: IpsetState = (ns.ipsets ??= {});
  for (const [name, type] of SETS) {
    const s = sets[name] ?? createIpset(sets, name, type, type === 'bitmap:port' ? { range: '0-65535' } : {});
    replaceMembers(s, plan.sets[name]);
  }
  syncIpvs((ns.ipvs ??= emptyIpvs()), plan.services);
}

/** The node's InternalIP, for the NodePort virtual servers. */
export function nodeAddress(nodes: Node[], name: string): string | undefined {
  return nodes.find((n) => n.metadata.name === name)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address;
}
