/**
 * Felix's iptables dataplane for Kubernetes NetworkPolicy, computed from the API (policies,
 * pods, namespaces) and this node's workload interfaces: cali-FORWARD dispatches by interface
 * to cali-fw-<if> (from the workload: egress) and cali-tw-<if> (to the workload: ingress);
 * those jump to one chain per policy (cali-pi-_... / cali-po-_...), whose rules set the
 * accept mark 0x10000 when a peer (an ipset of pod IPs, or a CIDR) and port match. With a
 * policy selecting the pod and no accept: "Drop if no policies passed packet". Without one,
 * the namespace profile (cali-pri-kns.NS) accepts. Replies pass by conntrack.
 */
import type { NetworkPolicy, NetworkPolicyPeer, NetworkPolicyPort, Pod } from '../../api/types';
import { createIpset, replaceMembers, type IpsetType } from '../../net/ipset';
import { parseRule, type Chain, type TableName } from '../../net/iptables';
import type { NetNs } from '../../net/types';
import type { SimContext } from '../../sim/context';
import { namedPortSet, policyChain, ruleHash, selectorSet } from './names';
import { peerMatches, selecting, worldOf, type Direction, type PolicyWorld } from './policy';

const ACCEPT_MARK = '0x10000/0x10000';
const PASS_CLEAR = '0x0/0x20000';

type Rules = string[][];

interface Plan {
  filter: Map<string, Rules>;
  nat: Map<string, Rules>;
  sets: Map<string, { type: IpsetType; members: string[] }>;
}

const policyName = (np: NetworkPolicy): string => `${np.metadata.namespace ?? 'default'}/knp.default.${np.metadata.name}`;

/** Calico's selector text for a peer (what the ipset stands for). */
function peerSelector(np: NetworkPolicy, p: NetworkPolicyPeer): string {
  const ns = p.namespaceSelector ? `ns:${JSON.stringify(p.namespaceSelector)}` : `projectcalico.org/namespace == '${np.metadata.namespace ?? 'default'}'`;
  return `${ns} && ${JSON.stringify(p.podSelector ?? {})}`;
}

function livePods(ctx: SimContext): Pod[] {
  return (ctx.api.peekAll('Pod') as Pod[]).filter((p) => !p.spec.hostNetwork && p.status?.podIP && !p.metadata.deletionTimestamp);
}

/** One protocol's share of a rule's ports: numbers and ranges, named ports, or "any port". */
interface PortGroup {
  proto: string;
  numeric: string[];
  named: string[];
  any: boolean;
}

function portGroups(ports: NetworkPolicyPort[] | undefined): (PortGroup | undefined)[] {
  if (!ports || ports.length === 0) return [undefined];
  const by = new Map<string, PortGroup>();
  for (const p of ports) {
    const proto = (p.protocol ?? 'TCP').toLowerCase();
    const g = by.get(proto) ?? { proto, numeric: [], named: [], any: false };
    if (p.port === undefined) g.any = true;
    else if (typeof p.port === 'string') g.named.push(p.port);
    else g.numeric.push(p.endPort !== undefined ? `${p.port}:${p.endPort}` : String(p.port));
    by.set(proto, g);
  }
  // Each group renders as one rule per kind of port match, as felix splits them.
  const out: PortGroup[] = [];
  for (const g of by.values()) {
    if (g.any) out.push({ ...g, numeric: [], named: [] });
    else {
      if (g.numeric.length > 0) out.push({ ...g, named: [] });
      for (const n of g.named) out.push({ ...g, numeric: [], named: [n] });
    }
  }
  return out;
}

function policyRules(world: PolicyWorld, pods: Pod[], np: NetworkPolicy, dir: Direction, plan: Plan): Rules {
  const rules: Rules = [];
  const comment = ['-m', 'comment', '--comment', `Policy ${policyName(np)} ${dir === 'Ingress' ? 'ingress' : 'egress'}`];
  const side = dir === 'Ingress' ? 'src' : 'dst';
  const list = dir === 'Ingress' ? (np.spec.ingress ?? []).map((r) => ({ peers: r.from, ports: r.ports })) : (np.spec.egress ?? []).map((r) => ({ peers: r.to, ports: r.ports }));
  for (const r of list) {
    const peers: (NetworkPolicyPeer | undefined)[] = r.peers && r.peers.length > 0 ? r.peers : [undefined];
    for (const peer of peers) {
      for (const g of portGroups(r.ports)) {
        const head: string[] = [];
        const tail: string[] = [];
        if (peer?.ipBlock) {
          head.push(side === 'src' ? '-s' : '-d', peer.ipBlock.cidr);
          if (peer.ipBlock.except?.length) {
            const set = selectorSet(`nets:${peer.ipBlock.except.join(',')}`);
            plan.sets.set(set, { type: 'hash:net', members: peer.ipBlock.except });
            tail.push('-m', 'set', '!', '--match-set', set, side);
          }
        } else if (peer) {
          const set = selectorSet(peerSelector(np, peer));
          plan.sets.set(set, { type: 'hash:net', members: pods.filter((p) => peerMatches(world, np, peer, { ip: p.status!.podIP!, pod: p })).map((p) => p.status!.podIP!) });
          tail.push('-m', 'set', '--match-set', set, side);
        }
        if (g) {
          head.push('-p', g.proto);
          if (g.numeric.length > 0) tail.push('-m', 'multiport', '--dports', g.numeric.join(','));
          for (const name of g.named) {
            // Named ports: the (IP, port) pairs of every pod that names a container port so.
            const set = namedPortSet(`${g.proto}:${name}`);
            const members = pods.flatMap((p) => p.spec.containers.flatMap((c) => (c.ports ?? []).filter((cp) => cp.name === name && (cp.protocol ?? 'TCP').toLowerCase() === g.proto).map((cp) => `${p.status!.podIP},${g.proto}:${cp.containerPort}`)));
            plan.sets.set(set, { type: 'hash:ip,port', members });
            tail.push('-m', 'set', '--match-set', set, 'dst,dst');
          }
        }
        rules.push([...head, ...comment, ...tail, '-j', 'MARK', '--set-xmark', ACCEPT_MARK]);
        rules.push(['-m', 'mark', '--mark', ACCEPT_MARK, '-j', 'RETURN']);
      }
    }
  }
  return rules;
}

/** cali-tw-<if> / cali-fw-<if> for one workload. */
function endpointChain(dir: Direction, pod: Pod, policies: NetworkPolicy[]): Rules {
  const ns = pod.metadata.namespace ?? 'default';
  const rules: Rules = [
    ['-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT'],
    ['-m', 'conntrack', '--ctstate', 'INVALID', '-j', 'DROP'],
    ['-j', 'MARK', '--set-xmark', '0x0/0x10000'],
  ];
  if (dir === 'Egress') rules.push(['-p', 'udp', '-m', 'comment', '--comment', 'Drop VXLAN encapped packets originating in workloads', '-m', 'multiport', '--dports', '4789', '-j', 'DROP']);
  if (policies.length > 0) {
    rules.push(['-m', 'comment', '--comment', 'Start of tier default', '-j', 'MARK', '--set-xmark', PASS_CLEAR]);
    for (const np of policies) {
      rules.push(['-m', 'mark', '--mark', PASS_CLEAR, '-j', policyChain(dir, policyName(np))]);
      rules.push(['-m', 'mark', '--mark', ACCEPT_MARK, '-m', 'comment', '--comment', 'Return if policy accepted', '-j', 'RETURN']);
    }
    rules.push(['-m', 'mark', '--mark', PASS_CLEAR, '-m', 'comment', '--comment', 'End of tier default. Drop if no policies passed packet', '-j', 'DROP']);
  }
  rules.push(['-j', `cali-pr${dir === 'Ingress' ? 'i' : 'o'}-kns.${ns}`]);
  rules.push(['-m', 'mark', '--mark', ACCEPT_MARK, '-m', 'comment', '--comment', 'Return if profile accepted', '-j', 'RETURN']);
  rules.push(['-m', 'comment', '--comment', 'Drop if no profiles matched', '-j', 'DROP']);
  return rules;
}

/** The local workloads: cali* interfaces and the pods behind them. */
export function localEndpoints(ctx: SimContext, host: NetNs): { ifname: string; pod: Pod }[] {
  const out: { ifname: string; pod: Pod }[] = [];
  for (const l of host.links) {
    if (!l.name.startsWith('cali') || !l.peer) continue;
    const id = ctx.net.namespaces.get(l.peer.ns)?.pod;
    if (!id) continue;
    const [ns, name] = id.split('/');
    const pod = ctx.api.get<Pod>('Pod', ns, name);
    if (pod) out.push({ ifname: l.name, pod });
  }
  return out.sort((a, b) => a.ifname.localeCompare(b.ifname));
}

function plan(ctx: SimContext, host: NetNs): Plan {
  const world = worldOf(ctx);
  const pods = livePods(ctx);
  const p: Plan = { filter: new Map(), nat: new Map(), sets: new Map() };
  const f = p.filter;
  f.set('cali-FORWARD', [
    ['-j', 'MARK', '--set-xmark', '0x0/0xe0000'],
    ['-i', 'cali+', '-j', 'cali-from-wl-dispatch'],
    ['-o', 'cali+', '-j', 'cali-to-wl-dispatch'],
  ]);
  f.set('cali-INPUT', [
    ['-i', 'cali+', '-g', 'cali-wl-to-host'],
    ['-m', 'mark', '--mark', ACCEPT_MARK, '-j', 'ACCEPT'],
  ]);
  f.set('cali-OUTPUT', [['-m', 'mark', '--mark', ACCEPT_MARK, '-j', 'ACCEPT'], ['-o', 'cali+', '-j', 'RETURN']]);
  f.set('cali-wl-to-host', [['-j', 'cali-from-wl-dispatch'], ['-m', 'comment', '--comment', 'Configured DefaultEndpointToHostAction', '-j', 'ACCEPT']]);
  const eps = localEndpoints(ctx, host);
  f.set('cali-from-wl-dispatch', [...eps.map((e) => ['-i', e.ifname, '-g', `cali-fw-${e.ifname}`]), ['-m', 'comment', '--comment', 'Unknown interface', '-j', 'DROP']]);
  f.set('cali-to-wl-dispatch', [...eps.map((e) => ['-o', e.ifname, '-g', `cali-tw-${e.ifname}`]), ['-m', 'comment', '--comment', 'Unknown interface', '-j', 'DROP']]);
  const used = new Map<string, { np: NetworkPolicy; dir: Direction }>();
  const namespaces = new Set<string>();
  for (const e of eps) {
    namespaces.add(e.pod.metadata.namespace ?? 'default');
    for (const dir of ['Ingress', 'Egress'] as const) {
      const policies = selecting(world, e.pod, dir).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
      for (const np of policies) used.set(policyChain(dir, policyName(np)), { np, dir });
      f.set(`cali-${dir === 'Ingress' ? 'tw' : 'fw'}-${e.ifname}`, endpointChain(dir, e.pod, policies));
    }
  }
  for (const [chain, { np, dir }] of used) f.set(chain, policyRules(world, pods, np, dir, p));
  for (const ns of [...namespaces].sort()) {
    for (const [c, dir] of [['pri', 'ingress'], ['pro', 'egress']] as const) {
      f.set(`cali-${c}-kns.${ns}`, [['-m', 'comment', '--comment', `Profile kns.${ns} ${dir}`, '-j', 'MARK', '--set-xmark', ACCEPT_MARK], ['-m', 'mark', '--mark', ACCEPT_MARK, '-j', 'RETURN']]);
    }
  }
  // natOutgoing: pod traffic leaving the pools is masqueraded.
  p.nat.set('cali-POSTROUTING', [['-j', 'cali-nat-outgoing']]);
  p.nat.set('cali-nat-outgoing', [['-m', 'set', '--match-set', 'cali40masq-ipam-pools', 'src', '-m', 'set', '!', '--match-set', 'cali40all-ipam-pools', 'dst', '-j', 'MASQUERADE', '--random-fully']]);
  p.sets.set('cali40all-ipam-pools', { type: 'hash:net', members: [ctx.scenario.cluster.podCIDR] });
  p.sets.set('cali40masq-ipam-pools', { type: 'hash:net', members: [ctx.scenario.cluster.podCIDR] });
  p.sets.set('cali40all-hosts-net', { type: 'hash:net', members: [...ctx.hosts.values()].map((h) => h.ip) });
  return p;
}

const isCali = (spec: string): boolean => spec.includes('--comment "cali:');

function install(table: TableName, ns: NetNs, chains: Map<string, Rules>, hooks: [string, string][]): void {
  const t = ns.iptables[table];
  for (const name of Object.keys(t)) if (name.startsWith('cali-')) delete t[name];
  for (const c of Object.values(t)) c.rules = c.rules.filter((r) => !isCali(r.spec));
  const rule = (chain: string, words: string[], prev: string): { r: ReturnType<typeof parseRule>; h: string } => {
    const h = ruleHash(chain, prev, words.join(' '));
    return { r: parseRule(['-m', 'comment', '--comment', `cali:${h}`, ...words], table), h };
  };
  for (const [name, rules] of chains) {
    const chain: Chain = { name, rules: [], packets: 0, bytes: 0 };
    let prev = '';
    for (const words of rules) {
      const { r, h } = rule(name, words, prev);
      chain.rules.push(r);
      prev = h;
    }
    t[name] = chain;
  }
  // Felix inserts its jumps at the top of the built-in chains.
  for (const [builtin, target] of [...hooks].reverse()) t[builtin]?.rules.unshift(rule(builtin, ['-j', target], '').r);
}

/** Programs this node's felix state: filter and nat chains, and the ipsets they match. */
export function felixSync(ctx: SimContext, node: string): void {
  const ns = ctx.net.ns(node);
  const p = plan(ctx, ns);
  install('filter', ns, p.filter, [['FORWARD', 'cali-FORWARD'], ['INPUT', 'cali-INPUT'], ['OUTPUT', 'cali-OUTPUT']]);
  // After every other FORWARD rule: what a workload chain accepted is accepted.
  const fwd = ns.iptables.filter.FORWARD;
  fwd.rules.push(parseRule(['-m', 'comment', '--comment', `cali:${ruleHash('FORWARD', 'end', 'accept')}`, '-m', 'comment', '--comment', 'Policy explicitly accepted packet.', '-m', 'mark', '--mark', ACCEPT_MARK, '-j', 'ACCEPT']));
  install('nat', ns, p.nat, [['POSTROUTING', 'cali-POSTROUTING']]);
  const sets = (ns.ipsets ??= {});
  for (const name of Object.keys(sets)) if (name.startsWith('cali40') && !p.sets.has(name)) delete sets[name];
  for (const [name, s] of [...p.sets].sort(([a], [b]) => a.localeCompare(b))) replaceMembers(sets[name] ?? createIpset(sets, name, s.type), [...new Set(s.members)]);
}
