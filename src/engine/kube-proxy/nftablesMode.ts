/**
 * kube-proxy's nftables mode (pkg/proxy/nftables, GA in v1.33): one table, `ip kube-proxy`,
 * that kube-proxy alone owns. Services are dispatched by one verdict-map lookup —
 * `ip daddr . meta l4proto . th dport vmap @service-ips` — to a chain per service port
 * (`service-HASH-ns/name/proto/port`), which picks an endpoint with `numgen random mod N
 * vmap { … }` and jumps to a chain per endpoint that DNATs. So the first packet walks the
 * same few rules at 10 or 10,000 Services. Filter chains run before DNAT (dstnat - 10):
 * Services without endpoints are rejected through @no-endpoint-services, and anything else
 * sent to a ClusterIP (another port, a ping) is rejected by `cluster-ips-check`.
 * Only the IPv4 table is modelled: the simulated cluster is single-stack, so the `ip6
 * kube-proxy` table a dual-stack node also has is left out.
 */
import type { EndpointSlice, Service } from '../api/types';
import { PRIORITY, type NftHook, type NftMatch, type NftState, type NftStmt, type NftTable } from '../net/nftables';
import { Builder, Recorder, replay, type NftSink } from './nftablesBuilder';
import { perService, type PerServiceCache } from './perService';
import type { NetNs } from '../net/types';
import { hash16, servicePortName } from './chainNames';
import { AFFINITY_SECONDS, endpointsFor, lbIPs, proxied, sortServices, type Endpoint } from './rules';

export const NFT_TABLE = 'ip kube-proxy';
/** kube-proxy's masquerade mark (1 << masqueradeBit 14). */
const MASQ = 0x4000;
const ADDR_KEY = 'ipv4_addr . inet_proto . inet_service : verdict';
const PORT_KEY = 'inet_proto . inet_service : verdict';

export interface NftInput {
  services: Service[];
  slices: EndpointSlice[];
  /** --cluster-cidr: traffic from outside it is masqueraded on its way to a ClusterIP. */
  clusterCIDR: string;
  /** The ServiceCIDR: a ClusterIP in it that no Service holds is dropped. */
  serviceCIDR?: string;
  nodeName?: string;
  /** The node's primary IP: nftables mode's default nodePortAddresses is "primary". */
  nodeIP?: string;
}

/** Chain names by their unhashed name: each sync recomputes every one, for 10,000 Services × their endpoints. */
const bases = new Map<string, string>();

/** The part after the prefix of a per-service chain name: `ULMVA6XW-ns1/svc1/tcp/p80` (hashAndTruncate). */
function chainBase(name: string): string {
  let b = bases.get(name);
  if (b === undefined) {
    b = `${hash16(name).slice(0, 8)}-${name}`;
    if (bases.size >= 250_000) bases.clear();
    bases.set(name, b);
  }
  return b;
}

export function serviceChainBase(namespace: string, name: string, protocol: string, port: string | undefined): string {
  return chainBase(`${namespace}/${name}/${protocol.toLowerCase()}/${port ?? ''}`);
}

export function endpointChainBase(namespace: string, name: string, protocol: string, port: string | undefined, ip: string, epPort: number): string {
  return chainBase(`${namespace}/${name}/${protocol.toLowerCase()}/${port ?? ''}__${ip}/${epPort}`);
}

const ctNew: NftMatch = { kind: 'ct', states: ['new'] };
const jump = (chain: string): NftStmt => ({ kind: 'jump', chain });
const goto = (chain: string): NftStmt => ({ kind: 'goto', chain });
const daddr = (cidrs: string[], neg = false): NftMatch => ({ kind: 'addr', field: 'daddr', neg, cidrs });
const saddr = (cidrs: string[], neg = false): NftMatch => ({ kind: 'addr', field: 'saddr', neg, cidrs });

/** The base chains: `${type}-${hook}`; filter chains run before DNAT so they see the Service's own address. */
const BASE: [string, 'filter' | 'nat', NftHook, number][] = [
  ['filter-prerouting', 'filter', 'prerouting', PRIORITY.dstnat - 10],
  ['filter-input', 'filter', 'input', PRIORITY.dstnat - 10],
  ['filter-forward', 'filter', 'forward', PRIORITY.dstnat - 10],
  ['filter-output', 'filter', 'output', PRIORITY.dstnat - 10],
  ['filter-output-post-dnat', 'filter', 'output', PRIORITY.dstnat + 10],
  ['nat-prerouting', 'nat', 'prerouting', PRIORITY.dstnat],
  ['nat-output', 'nat', 'output', PRIORITY.dstnat],
  ['nat-postrouting', 'nat', 'postrouting', PRIORITY.srcnat],
];

/** Jumps from the base chains into kube-proxy's top-level chains (nftablesJumpChains, in order). */
const JUMPS: [string, string, boolean][] = [
  ['nodeport-endpoints-check', 'filter-input', true],
  ['service-endpoints-check', 'filter-input', true],
  ['service-endpoints-check', 'filter-forward', true],
  ['service-endpoints-check', 'filter-output', true],
  ['firewall-check', 'filter-prerouting', true],
  ['firewall-check', 'filter-output', true],
  ['services', 'nat-output', false],
  ['services', 'nat-prerouting', false],
  ['masquerading', 'nat-postrouting', false],
  ['cluster-ips-check', 'filter-forward', true],
  ['cluster-ips-check', 'filter-output-post-dnat', true],
];

function setup(b: Builder, input: NftInput): void {
  for (const [name, type, hook, priority] of BASE) {
    b.t.chains[name] = { name, type, hook, priority, policy: 'accept', rules: [] };
    b.t.base.push(name);
  }
  for (const [to, from, onlyNew] of JUMPS) {
    b.chain(to);
    b.rule(from, onlyNew ? [ctNew] : [], jump(to));
  }
  b.chain('mark-for-masquerade');
  b.rule('mark-for-masquerade', [], { kind: 'mark', op: '|', value: MASQ });
  b.rule('masquerading', [{ kind: 'markAnd', mask: MASQ, value: 0 }], { kind: 'return' });
  b.rule('masquerading', [], { kind: 'mark', op: '^', value: MASQ });
  b.rule('masquerading', [], { kind: 'masquerade', fully: true });
  b.set('cluster-ips', 'ipv4_addr', 'Active ClusterIPs');
  b.rule('cluster-ips-check', [{ kind: 'addrSet', field: 'daddr', neg: false, set: 'cluster-ips' }], { kind: 'reject' }, 'Reject traffic to invalid ports of ClusterIPs');
  if (input.serviceCIDR) b.rule('cluster-ips-check', [daddr([input.serviceCIDR])], { kind: 'drop' }, 'Drop traffic to unallocated ClusterIPs');
  b.set('nodeport-ips', 'ipv4_addr', 'IPs that accept NodePort traffic');
  if (input.nodeIP) b.element('nodeport-ips', input.nodeIP);
  b.set('no-endpoint-services', ADDR_KEY, 'vmap to drop or reject packets to services with no endpoints');
  b.set('no-endpoint-nodeports', PORT_KEY, 'vmap to drop or reject packets to service nodeports with no endpoints');
  b.chain('reject-chain', 'helper for @no-endpoint-services / @no-endpoint-nodeports');
  b.rule('reject-chain', [], { kind: 'reject' });
  b.rule('service-endpoints-check', [], { kind: 'vmap', key: ['daddr', 'l4proto', 'dport'], map: 'no-endpoint-services' });
  const nodePortIPs: NftMatch = { kind: 'addrSet', field: 'daddr', neg: false, set: 'nodeport-ips' };
  b.rule('nodeport-endpoints-check', [nodePortIPs], { kind: 'vmap', key: ['l4proto', 'dport'], map: 'no-endpoint-nodeports' });
  b.set('firewall-ips', ADDR_KEY, 'destinations that are subject to LoadBalancerSourceRanges');
  b.rule('firewall-check', [], { kind: 'vmap', key: ['daddr', 'l4proto', 'dport'], map: 'firewall-ips' });
  b.set('service-ips', ADDR_KEY, 'ClusterIP, ExternalIP and LoadBalancer IP traffic');
  b.set('service-nodeports', PORT_KEY, 'NodePort traffic');
  b.rule('services', [], { kind: 'vmap', key: ['daddr', 'l4proto', 'dport'], map: 'service-ips' });
  b.rule('services', [nodePortIPs], { kind: 'vmap', key: ['l4proto', 'dport'], map: 'service-nodeports' });
}

/** numgen over the endpoints, after the affinity checks (writeServiceToEndpointRules). */
function toEndpoints(b: NftSink, chain: string, eps: { chain: string; affinity?: string }[]): void {
  for (const e of eps) if (e.affinity) b.rule(chain, [{ kind: 'addrSet', field: 'saddr', neg: false, set: e.affinity }], goto(e.chain));
  b.rule(chain, [], { kind: 'numgen', mod: eps.length, targets: eps.map((e) => e.chain) });
}

/** One Service's chains, rules and map elements (the body of syncProxyRules' service loop). */
function serviceRules(b: NftSink, svc: Service, input: NftInput): void {
  const ns = svc.metadata.namespace ?? 'default';
  const name = svc.metadata.name;
  const cip = svc.spec.clusterIP!;
  const timeout = svc.spec.sessionAffinity === 'ClientIP' ? (svc.spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? AFFINITY_SECONDS) : undefined;
  const externals = [...(svc.spec.externalIPs ?? []), ...lbIPs(svc)];
  for (const port of svc.spec.ports ?? []) {
    const proto = (port.protocol ?? 'TCP').toLowerCase();
    const spn = servicePortName(ns, name, port.name);
    const base = serviceChainBase(ns, name, proto, port.name);
    const [svcChain, localChain, extChain] = [`service-${base}`, `local-${base}`, `external-${base}`];
    const all = endpointsFor(svc, port, input.slices);
    const local = all.filter((e) => e.nodeName !== undefined && e.nodeName === input.nodeName);
    const nodePort = (svc.spec.type === 'NodePort' || svc.spec.type === 'LoadBalancer') && port.nodePort ? port.nodePort : undefined;
    const accessible = nodePort !== undefined || externals.length > 0;
    const etpLocal = accessible && svc.spec.externalTrafficPolicy === 'Local';
    const hasEndpoints = all.length > 0;
    const hasExternal = hasEndpoints && (!etpLocal || local.length > 0);
    const extVerdict = hasEndpoints ? 'drop' : 'goto reject-chain';
    const epInfo = (e: Endpoint): { chain: string; affinity?: string } => {
      const eb = endpointChainBase(ns, name, proto, port.name, e.ip, e.port);
      return { chain: `endpoint-${eb}`, affinity: timeout !== undefined ? `affinity-${eb}` : undefined };
    };
    const infos = all.map(epInfo);
    const localInfos = all.map((e, i) => (local.includes(e) ? infos[i] : undefined)).filter((x) => x !== undefined);
    // Endpoint chains are made first, as kube-proxy's transaction does.
    for (const info of infos) b.chain(info.chain);
    if (hasEndpoints) b.chain(svcChain);
    if (etpLocal && local.length > 0) b.chain(localChain);
    if (hasEndpoints && accessible) b.chain(extChain);

    b.element('cluster-ips', cip);
    if (hasEndpoints) b.element('service-ips', `${cip} . ${proto} . ${port.port}`, `goto ${svcChain}`);
    else b.element('no-endpoint-services', `${cip} . ${proto} . ${port.port}`, 'goto reject-chain', spn);
    for (const ip of externals) {
      if (hasEndpoints) b.element('service-ips', `${ip} . ${proto} . ${port.port}`, `goto ${extChain}`);
      if (!hasExternal) b.element('no-endpoint-services', `${ip} . ${proto} . ${port.port}`, extVerdict, spn);
    }
    if (nodePort !== undefined) {
      if (hasEndpoints) b.element('service-nodeports', `${proto} . ${nodePort}`, `goto ${extChain}`);
      if (!hasExternal) b.element('no-endpoint-nodeports', `${proto} . ${nodePort}`, extVerdict, spn);
    }
    if (!hasEndpoints) continue;

    // Off-cluster clients of the ClusterIP are masqueraded (the reply must come back through this node).
    b.rule(svcChain, [daddr([cip]), { kind: 'dport', proto, port: port.port }, saddr([input.clusterCIDR], true)], jump('mark-for-masquerade'));
    if (accessible) {
      if (!etpLocal) {
        b.rule(extChain, [], jump('mark-for-masquerade'));
      } else {
        b.rule(extChain, [saddr([input.clusterCIDR])], goto(svcChain), 'short-circuit pod traffic');
        b.rule(extChain, [{ kind: 'fib', field: 'saddr', type: 'local' }], jump('mark-for-masquerade'), 'masquerade local traffic');
        b.rule(extChain, [{ kind: 'fib', field: 'saddr', type: 'local' }], goto(svcChain), 'short-circuit local traffic');
      }
      if (hasExternal) b.rule(extChain, [], goto(etpLocal ? localChain : svcChain));
    }
    if (timeout !== undefined) for (const info of infos) b.set(info.affinity!, 'ipv4_addr', undefined, { flags: ['dynamic', 'timeout'], timeout });
    toEndpoints(b, svcChain, infos);
    if (etpLocal && local.length > 0) toEndpoints(b, localChain, localInfos);
    all.forEach((e, i) => {
      const info = infos[i];
      b.rule(info.chain, [saddr([e.ip])], jump('mark-for-masquerade'));
      if (info.affinity) b.rule(info.chain, [], { kind: 'update', set: info.affinity });
      b.rule(info.chain, [{ kind: 'l4proto', proto }], { kind: 'dnat', to: `${e.ip}:${e.port}` });
    });
  }
}

const recorded: PerServiceCache<Recorder['ops']> = new WeakMap();

/** syncProxyRules: the whole `ip kube-proxy` table for one node. */
export function buildNftables(input: NftInput): NftTable {
  const b = new Builder();
  setup(b, input);
  for (const svc of sortServices(input.services)) {
    if (!proxied(svc)) continue;
    // An unchanged Service (same object, same slices) replays what it added last time.
    const key = `${input.clusterCIDR}\0${svc.spec.externalTrafficPolicy === 'Local' ? (input.nodeName ?? '') : ''}`;
    let fresh = false;
    const ops = perService(recorded, svc, input, key, () => {
      fresh = true;
      const r = new Recorder(b);
      serviceRules(r, svc, input);
      return r.ops;
    });
    if (!fresh) replay(b, ops);
  }
  return b.t;
}

/**
 * Writes the table into a node (`nft -f -` with kube-proxy's transaction): replaced whole,
 * hit counters kept for rules that did not change, affinity entries kept.
 */
export function applyNftables(ns: NetNs, table: NftTable): number {
  const state: NftState = (ns.nft ??= {});
  const old = state[NFT_TABLE];
  let n = 0;
  for (const c of Object.values(table.chains)) {
    n += c.rules.length;
    const prev = old?.chains[c.name]?.rules;
    if (!prev) continue;
    for (const r of c.rules) {
      const p = prev.find((x) => x.text === r.text);
      if (p) {
        r.packets = p.packets;
        r.bytes = p.bytes;
      }
    }
  }
  for (const s of Object.values(table.sets)) {
    const prev = old?.sets[s.name];
    if (prev?.expires) {
      s.elements = { ...prev.elements };
      s.expires = { ...prev.expires };
    }
  }
  state[NFT_TABLE] = table;
  return n;
}
