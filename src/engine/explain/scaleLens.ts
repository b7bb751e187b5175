/**
 * The scale lens: how kube-proxy's dataplane grows with a cluster. For N nodes, S Services and
 * E endpoints per Service it runs kube-proxy's real rule builders (buildProxyRules for
 * iptables mode, buildIpvs for ipvs mode) on synthetic ClusterIP Services and EndpointSlices
 * and counts what one node gets: rules in nat and filter, the length of KUBE-SERVICES, and the
 * rules a first packet to the last Service walks. Beyond a budget (so one computation stays
 * well under a second) it extrapolates linearly from the measured per-Service growth and says so.
 */
import type { EndpointSlice, Service } from '../api/types';
import { buildIpvs } from '../kube-proxy/ipvsMode';
import { buildProxyRules, type ProxyPayload } from '../kube-proxy/rules';
import { svcChain, servicePortName } from '../kube-proxy/chainNames';
import { buildNftables, serviceChainBase } from '../kube-proxy/nftablesMode';
import type { NftTable } from '../net/nftables';

export type LensMode = 'iptables' | 'ipvs' | 'nftables';

export interface LensInput {
  nodes: number;
  services: number;
  endpoints: number;
  mode: LensMode;
}

export interface Threshold {
  id: 'nodes' | 'podsPerNode' | 'pods' | 'services' | 'containers' | 'iptablesServices';
  /** The published limit ("no more than"). */
  limit: number;
  /** This cluster's value for the same quantity. */
  value: number;
  crossed: boolean;
  source: string;
}

export interface LensResult extends LensInput {
  /** Rules one node's kube-proxy writes (`iptables-save -t nat` / `-t filter` rule lines, incl. jumps from built-in chains). */
  natRules: number;
  filterRules: number;
  /** Rules in nat KUBE-SERVICES. */
  kubeServices: number;
  /** Rules evaluated by the first packet from a pod to the last Service's ClusterIP (nat table, worst-case endpoint). */
  walked: number;
  /** How the lookup scales: a linear scan of rules, or hash lookups (ipset + IPVS). */
  lookup: 'O(n)' | 'O(1)';
  /** ipvs mode: ipset members, IPVS virtual and real servers on each node. */
  ipsetEntries: number;
  /** nftables mode: elements in the sets and verdict maps of table ip kube-proxy (service-ips, cluster-ips ...). */
  mapElements: number;
  virtualServers: number;
  realServers: number;
  /** Same count on every node (ClusterIP Services), so the cluster holds nodes × per-node rules. */
  clusterRules: number;
  pods: number;
  /** The Service count actually built; above it the numbers are extrapolated. */
  measuredServices: number;
  extrapolated: boolean;
  thresholds: Threshold[];
}

const LARGE = 'https://kubernetes.io/docs/setup/best-practices/cluster-large/';
const SIG = 'https://github.com/kubernetes/community/blob/master/sig-scalability/configs-and-limits/thresholds.md';
const NFT = 'https://kubernetes.io/blog/2025/02/28/nftables-kube-proxy/';

/** Kubernetes' published scalability limits, and where iptables-mode kube-proxy is known to struggle. */
export const THRESHOLDS: { id: Threshold['id']; limit: number; source: string }[] = [
  { id: 'nodes', limit: 5000, source: LARGE },
  { id: 'podsPerNode', limit: 110, source: LARGE },
  { id: 'pods', limit: 150000, source: LARGE },
  { id: 'containers', limit: 300000, source: LARGE },
  { id: 'services', limit: 10000, source: SIG },
  // iptables mode: rule syncs and first-packet walks degrade from ~5,000 Services (10,000 at the latest).
  { id: 'iptablesServices', limit: 5000, source: NFT },
];

export const LIMITS = { nodes: [1, 5000], services: [1, 10000], endpoints: [1, 100] } as const;
/** Endpoints the builders get at most per computation (keeps one computation well under 1 s). */
const ENDPOINT_BUDGET = 3000;
const SERVICE_CAP = 400;
const CLUSTER_CIDR = '10.244.0.0/16';

const pad = (i: number): string => String(i).padStart(5, '0');
const clusterIP = (i: number): string => `10.96.${(i >> 8) & 255}.${i & 255}`;
const podIP = (n: number): string => `10.244.${(n >> 8) & 255}.${n & 255}`;

/** S ClusterIP Services (port 80 → 8080) with E ready endpoints each, spread round-robin over N nodes. */
export function syntheticCluster(services: number, endpoints: number, nodes: number): { services: Service[]; slices: EndpointSlice[] } {
  const svcs: Service[] = [];
  const slices: EndpointSlice[] = [];
  let pod = 0;
  for (let i = 1; i <= services; i++) {
    const name = `svc-${pad(i)}`;
    svcs.push({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type: 'ClusterIP', clusterIP: clusterIP(i), selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' }] } } as Service);
    const eps: EndpointSlice['endpoints'] = [];
    for (let e = 0; e < endpoints; e++, pod++) eps.push({ addresses: [podIP(pod + 2)], conditions: { ready: true }, nodeName: `node-${(pod % nodes) + 1}` });
    slices.push({ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: `${name}-abcde`, namespace: 'default', labels: { 'kubernetes.io/service-name': name } }, addressType: 'IPv4', endpoints: eps, ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] });
  }
  return { services: svcs, slices };
}

interface Measure {
  natRules: number;
  filterRules: number;
  kubeServices: number;
  walked: number;
  ipsetEntries: number;
  mapElements: number;
  virtualServers: number;
  realServers: number;
}

const nftChainRules = (t: NftTable, types: ('nat' | 'filter')[]): number => {
  // A regular chain counts with the base chains' type that reaches it: service, endpoint and masquerading chains are nat; the checks are filter.
  const filterChains = /^(filter-|nodeport-endpoints-check$|service-endpoints-check$|firewall-check$|cluster-ips-check$|reject-chain$)/;
  let n = 0;
  for (const c of Object.values(t.chains)) if (types.includes(filterChains.test(c.name) ? 'filter' : 'nat')) n += c.rules.length;
  return n;
};

/** nftables: the jump to services, one verdict-map lookup, the service chain (masquerade check, numgen), the endpoint chain (hairpin check, DNAT) — the same at any Service count. */
function walkNftables(t: NftTable, services: number): number {
  const svc = t.chains[`service-${serviceChainBase('default', `svc-${pad(Math.max(1, services))}`, 'tcp', 'http')}`];
  if (!svc) return 2;
  const numgen = svc.rules[svc.rules.length - 1].stmt;
  const ep = numgen.kind === 'numgen' ? t.chains[numgen.targets[numgen.targets.length - 1]] : undefined;
  return 2 + svc.rules.length + (ep?.rules.length ?? 0);
}

const tableRules = (p: ProxyPayload, table: 'nat' | 'filter'): number => p[table].rules.length + p.jumps.filter((j) => j.table === table).length;
const chainRules = (p: ProxyPayload, chain: string): [string, string[]][] => p.nat.rules.filter(([c]) => c === chain);
const target = (words: string[]): string => words[words.indexOf('-j') + 1];

/** Rules a pod's first packet to the last Service evaluates in nat, counting each rule it is tested against. */
function walkIptables(p: ProxyPayload, services: number): number {
  if (services === 0) return 1 + chainRules(p, 'KUBE-SERVICES').length;
  const svc = svcChain(servicePortName('default', `svc-${pad(services)}`, 'http'), 'tcp');
  const kubeServices = chainRules(p, 'KUBE-SERVICES');
  let n = 1 + kubeServices.findIndex(([, w]) => target(w) === svc) + 1; // PREROUTING/OUTPUT jump, then the scan
  const svcRules = chainRules(p, svc);
  n += svcRules.length; // masquerade check, then each endpoint's statistic rule: worst case reaches the last
  const sep = target(svcRules[svcRules.length - 1][1]);
  return n + chainRules(p, sep).length; // hairpin check, DNAT
}

/** ipvs: the jump, KUBE-SERVICES up to the ClusterIP ACCEPT (one ipset hash lookup each), KUBE-NODE-PORT on the way (the VIP is local). */
function walkIpvs(p: ProxyPayload): number {
  const rules = chainRules(p, 'KUBE-SERVICES');
  let n = 1;
  for (const [, w] of rules) {
    n++;
    if (target(w) === 'KUBE-NODE-PORT') n += chainRules(p, 'KUBE-NODE-PORT').length;
    if (target(w) === 'ACCEPT' && w.includes('KUBE-CLUSTER-IP')) break;
  }
  return n;
}

const cache = new Map<string, Measure>();

/** One real build, memoised on (mode, S, E, N). */
export function measure(mode: LensMode, services: number, endpoints: number, nodes: number): Measure {
  const key = `${mode}|${services}|${endpoints}|${nodes}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const cluster = syntheticCluster(services, endpoints, nodes);
  let m: Measure;
  if (mode === 'iptables') {
    const p = buildProxyRules({ ...cluster, clusterCIDR: CLUSTER_CIDR, nodeName: 'node-1' });
    m = { natRules: tableRules(p, 'nat'), filterRules: tableRules(p, 'filter'), kubeServices: chainRules(p, 'KUBE-SERVICES').length, walked: walkIptables(p, services), ipsetEntries: 0, mapElements: 0, virtualServers: 0, realServers: 0 };
  } else if (mode === 'nftables') {
    const t = buildNftables({ ...cluster, clusterCIDR: CLUSTER_CIDR, serviceCIDR: '10.96.0.0/12', nodeName: 'node-1', nodeIP: '192.168.1.11' });
    const mapElements = Object.values(t.sets).reduce((a, s) => a + Object.keys(s.elements).length, 0);
    m = { natRules: nftChainRules(t, ['nat']), filterRules: nftChainRules(t, ['filter']), kubeServices: t.chains.services.rules.length, walked: walkNftables(t, services), ipsetEntries: 0, mapElements, virtualServers: 0, realServers: 0 };
  } else {
    const plan = buildIpvs({ ...cluster, clusterCIDR: CLUSTER_CIDR, nodeName: 'node-1', nodeIP: '192.168.1.11' });
    const p = plan.payload;
    m = {
      natRules: tableRules(p, 'nat'),
      filterRules: tableRules(p, 'filter'),
      kubeServices: chainRules(p, 'KUBE-SERVICES').length,
      walked: walkIpvs(p),
      ipsetEntries: Object.values(plan.sets).reduce((a, s) => a + s.length, 0),
      mapElements: 0,
      virtualServers: plan.services.length,
      realServers: plan.services.reduce((a, v) => a + v.servers.length, 0),
    };
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, m);
  return m;
}

/** The largest Service count built for real for E endpoints per Service. */
export function measuredCap(endpoints: number): number {
  return Math.max(2, Math.min(SERVICE_CAP, Math.floor(ENDPOINT_BUDGET / Math.max(1, endpoints))));
}

const clamp = (v: number, [lo, hi]: readonly [number, number]): number => {
  if (!Number.isFinite(v)) throw new Error(`scale lens: not a number: ${v}`);
  return Math.min(hi, Math.max(lo, Math.round(v)));
};

export function scaleLens(input: LensInput): LensResult {
  if (input.mode !== 'iptables' && input.mode !== 'ipvs' && input.mode !== 'nftables') throw new Error(`scale lens: unknown kube-proxy mode "${String(input.mode)}" (iptables, ipvs or nftables)`);
  const nodes = clamp(input.nodes, LIMITS.nodes);
  const services = clamp(input.services, LIMITS.services);
  const endpoints = clamp(input.endpoints, LIMITS.endpoints);
  // Nodes only decide which endpoints are local; with ClusterIP Services every node gets the same rules.
  const nodesBuilt = Math.min(nodes, 16);
  const cap = measuredCap(endpoints);
  let m: Measure;
  const extrapolated = services > cap;
  if (!extrapolated) m = measure(input.mode, services, endpoints, nodesBuilt);
  else {
    const hi = measure(input.mode, cap, endpoints, nodesBuilt);
    const lo = measure(input.mode, cap - 1, endpoints, nodesBuilt);
    const grow = (k: keyof Measure): number => hi[k] + (hi[k] - lo[k]) * (services - cap);
    m = Object.fromEntries(Object.keys(hi).map((k) => [k, grow(k as keyof Measure)])) as unknown as Measure;
  }
  const pods = services * endpoints;
  const values: Record<Threshold['id'], number> = { nodes, podsPerNode: Math.ceil(pods / nodes), pods, containers: pods, services, iptablesServices: services };
  const thresholds = THRESHOLDS.filter((t) => t.id !== 'iptablesServices' || input.mode === 'iptables').map((t) => ({ ...t, value: values[t.id], crossed: values[t.id] > t.limit || (t.id === 'iptablesServices' && values[t.id] >= t.limit) }));
  return {
    nodes, services, endpoints, mode: input.mode, ...m,
    lookup: input.mode === 'iptables' ? 'O(n)' : 'O(1)',
    clusterRules: (m.natRules + m.filterRules) * nodes,
    pods, measuredServices: extrapolated ? cap : services, extrapolated, thresholds,
  };
}

/** Rules walked vs Services for both modes, for the chart. */
export function walkSeries(endpoints: number, nodes: number, steps = 20): { services: number; iptables: number; ipvs: number; nftables: number }[] {
  const out: { services: number; iptables: number; ipvs: number; nftables: number }[] = [];
  for (let i = 0; i <= steps; i++) {
    const s = Math.max(1, Math.round((LIMITS.services[1] * i) / steps));
    const walked = (mode: LensMode): number => scaleLens({ nodes, services: s, endpoints, mode }).walked;
    out.push({ services: s, iptables: walked('iptables'), ipvs: walked('ipvs'), nftables: walked('nftables') });
  }
  return out;
}

export interface LensView {
  result: LensResult;
  series: { services: number; iptables: number; ipvs: number; nftables: number }[];
}
