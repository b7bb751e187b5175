/**
 * The packet walker. It moves one packet through the model the way Linux would — output
 * routing, netfilter hooks, neighbour resolution, device semantics (veth, bridge, VXLAN, NIC
 * on a segment), the receive path — and records every hop as a TraceStep. An ICMP echo
 * request that arrives is answered, and the reply walks back the same way.
 */
import { fnv1a32 } from '../sim/hash';
import type { Prng } from '../sim/prng';
import { formatRoute } from './iproute2';
import { Netfilter, type Hook } from './netfilter';
import type { Network } from './network';
import { changedFields, ETH_HEADER, VXLAN_OVERHEAD, type Packet } from './packet';
import { lookupRoute } from './routing';
import { findVirtualService, schedule } from './ipvs';
import { INTERNET, OUTSIDE_HOSTS } from './uplink';
import { cidrContains } from './ip';
import { beginWalk, capture, captureClock, type ArpFrame, type Direction } from './capture';
import type { Trace, TraceStep } from './trace';
import type { Link, NetNs, Route } from './types';

const IPVS_DEV = 'kube-ipvs0';
// A backstop only: TTL ends real loops first (64 routers × a few steps each).
const MAX_HOPS = 2000;
const BROADCAST = 'ff:ff:ff:ff:ff:ff';
/** Per-hop costs in µs: wire hops dominate, as on a real LAN. */
const COST = { wire: 150, veth: 5, bridge: 5, route: 2, encap: 20, hook: 1, arp: 300 };

type Pos =
  | { at: 'output'; ns: NetNs; pkt: Packet }
  | { at: 'xmit'; ns: NetNs; dev: Link; pkt: Packet; nexthop: string; fwd?: boolean }
  | { at: 'l2-out'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'l2-in'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'ip-in'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'local'; ns: NetNs; dev: Link; pkt: Packet }
  | { at: 'done'; outcome: 'delivered' | 'dropped'; reason?: string };

export interface WalkOptions {
  /** Answer an ICMP echo request / TCP SYN with a reply that walks back. */
  answerEcho: boolean;
  /** Routers and hosts send ICMP errors back (time exceeded, port unreachable), as traceroute needs. */
  icmpErrors?: boolean;
  /** A UDP listener answers with a datagram that walks back (a DNS server's reply). */
  answerUdp?: boolean;
}

/** Who listens on a port in a namespace (a process name), or undefined. */
export type SocketLookup = (ns: NetNs, proto: 'tcp' | 'udp', port: number) => string | undefined;

export class PacketWalker {
  private steps: TraceStep[] = [];
  private leg: 'request' | 'reply' = 'request';
  private replied = false;
  private replyTtl?: number;
  private nf: Netfilter;

  private refused = false;
  private icmpError?: Trace['icmpError'];
  /** The bridge port a frame came in on before it went up to the bridge's IP stack. */
  private bridgeIngress?: { ns: string; br: string; port: string };
  /** Set when br_netfilter's PREROUTING rewrote the destination: a frame sent back out of that same port needs hairpin. */
  private hairpinFrom?: { ns: string; br: string; port: string };
  private listener?: string;

  constructor(
    private readonly net: Network,
    prng: Prng,
    private readonly now: () => number,
    private readonly sockets: SocketLookup = () => undefined,
  ) {
    this.nf = new Netfilter(prng, now);
  }

  private opts: WalkOptions = { answerEcho: true };

  walk(srcNs: NetNs, pkt: Packet, opts: WalkOptions = { answerEcho: true }): Trace {
    this.opts = opts;
    this.steps = [];
    this.leg = 'request';
    this.replied = false;
    this.replyTtl = undefined;
    this.refused = false;
    this.icmpError = undefined;
    this.listener = undefined;
    this.rejected = undefined;
    this.bridgeIngress = undefined;
    this.hairpinFrom = undefined;
    this.nf.newPacket();
    this.capStartUs = Math.max(Math.round(this.now() * 1000), captureClock(this.net) + 1);
    this.walkId = beginWalk(this.net, this.steps);
    let pos: Pos = { at: 'output', ns: srcNs, pkt: clone(pkt) };
    let hops = 0;
    while (pos.at !== 'done') {
      if (++hops > MAX_HOPS) {
        pos = { at: 'done', outcome: 'dropped', reason: `the packet looped: more than ${MAX_HOPS} hops (a routing loop)` };
        break;
      }
      pos = this.advance(pos, opts);
    }
    const delivered = pos.outcome === 'delivered';
    return {
      // The source address is chosen by the first routing decision.
      src: this.steps[0]?.after.ip.src || pkt.ip.src,
      dst: pkt.ip.dst,
      proto: pkt.l4.proto,
      port: pkt.l4.proto === 'icmp' ? undefined : pkt.l4.dport,
      steps: this.steps,
      outcome: delivered ? 'delivered' : 'dropped',
      reason: pos.reason,
      replied: this.replied,
      replyTtl: this.replyTtl,
      rttUs: this.steps.reduce((s, x) => s + x.costUs, 0),
      refused: this.refused || undefined,
      icmpError: this.icmpError,
      listener: this.listener,
    };
  }

  private label(ns: NetNs): string {
    if (ns.kind === 'pod') return `pod ${ns.pod}`;
    if (ns.kind === 'netns') return `netns ${ns.name} on ${ns.host}`;
    return ns.host;
  }

  private at(ns: NetNs): TraceStep['at'] {
    return ns.kind === 'pod' ? { kind: 'pod', id: ns.pod! } : { kind: 'node', id: ns.host };
  }

  private step(ns: NetNs, stage: string, summary: string, before: Packet, after: Packet, costUs: number, device?: string, decidedBy?: string, at?: TraceStep['at']): void {
    this.steps.push({
      n: this.steps.length,
      leg: this.leg,
      host: ns.host,
      netns: ns.id,
      nsLabel: this.label(ns),
      device,
      stage,
      summary,
      decidedBy,
      before: clone(before),
      after: clone(after),
      changed: changedFields(before, after),
      at: at ?? this.at(ns),
      costUs,
    });
  }

  /** Records a frame crossing a device for tcpdump, at the simulated time the walk reached it. */
  private cap(ns: NetNs, dev: Link, dir: Direction, frame: { pkt?: Packet; arp?: ArpFrame }, laterUs = 0): void {
    capture(this.net, ns.id, dev.name, dir, this.capStartUs + this.steps.reduce((s, x) => s + x.costUs, 0) + laterUs, { ...frame, walk: this.walkId, step: this.steps.length });
  }

  /** This walk's number in the capture log (the Capture view links a frame to its trace). */
  private walkId = 0;

  /** When this walk's first frame is captured, in µs: several walks at one simulated instant follow each other. */
  private capStartUs = 0;

  private drop(ns: NetNs, stage: string, reason: string, pkt: Packet, device?: string, decidedBy?: string): Pos {
    this.step(ns, stage, `dropped: ${reason}`, pkt, pkt, COST.hook, device, decidedBy);
    return { at: 'done', outcome: 'dropped', reason };
  }

  /**
   * Runs one netfilter hook and records what it did. Returns the packet as it leaves the hook,
   * or undefined when it was dropped (the reason is in `this.dropReason`).
   */
  private hook(ns: NetNs, hookName: Hook, pkt: Packet, inIface?: string, outIface?: string): Packet | undefined {
    const r = this.nf.run(ns, hookName, pkt, inIface, outIface);
    for (const ev of r.events) {
      this.step(ns, ev.stage, ev.summary, ev.before, ev.after, COST.hook, outIface ?? inIface, ev.decidedBy);
      if (ev.dropped) {
        this.dropReason = `${ev.dropped} in ${this.label(ns)} (${hookName})`;
        // REJECT answers the sender (ICMP port unreachable: "Connection refused").
        if (ev.dropped.startsWith('REJECT') && this.leg === 'request') this.rejected = { ns, pkt: ev.before, dev: this.net.link(ns, inIface ?? outIface ?? 'lo') ?? this.net.link(ns, 'lo')! };
        return undefined;
      }
    }
    return r.pkt;
  }

  private dropReason = '';
  private rejected?: { ns: NetNs; pkt: Packet; dev: Link };

  private dropped(): Pos {
    const rej = this.rejected;
    if (rej) {
      this.rejected = undefined;
      return this.icmpErrorReply(rej.ns, rej.dev, rej.pkt, 'port-unreachable');
    }
    return { at: 'done', outcome: 'dropped', reason: this.dropReason };
  }

  private advance(pos: Exclude<Pos, { at: 'done' }>, opts: WalkOptions): Pos {
    switch (pos.at) {
      case 'output':
        return this.output(pos.ns, pos.pkt);
      case 'xmit':
        return this.xmit(pos.ns, pos.dev, pos.pkt, pos.nexthop, pos.fwd);
      case 'l2-out':
        return this.l2Out(pos.ns, pos.dev, pos.pkt);
      case 'l2-in':
        return this.l2In(pos.ns, pos.dev, pos.pkt);
      case 'ip-in':
        return this.ipIn(pos.ns, pos.dev, pos.pkt);
      case 'local':
        return this.local(pos.ns, pos.dev, pos.pkt, opts);
    }
  }

  /** A locally generated packet: routing decision, OUTPUT, POSTROUTING. */
  private output(ns: NetNs, pkt: Packet): Pos {
    const d = lookupRoute(ns, pkt.ip.dst);
    if (d.kind === 'unreachable') {
      if (ns.host === INTERNET && isPrivate(pkt.ip.dst)) {
        return this.drop(ns, 'route', `the internet has no route back to ${pkt.ip.dst}: private addresses are not routed on the internet (was the source masqueraded on the way out?)`, pkt);
      }
      return this.drop(ns, 'route', `no route to ${pkt.ip.dst} in ${this.label(ns)} (connect: Network is unreachable)`, pkt);
    }
    if (d.kind === 'local') return this.outputLocal(ns, pkt, d.dev);
    if (d.kind === 'blackhole') return this.blackhole(ns, pkt, d.route);
    let dev = this.net.link(ns, d.route.dev)!;
    const after = clone(pkt);
    if (!after.ip.src && d.src) after.ip.src = d.src;
    const via = d.route.via ? `via ${d.route.via} ` : '';
    this.step(ns, 'route', `route lookup for ${pkt.ip.dst}: ${via}dev ${dev.name}`, pkt, after, COST.route, dev.name, formatRoute(d.route));
    const out = this.hook(ns, 'OUTPUT', after, undefined, dev.name);
    if (!out) return this.dropped();
    let nexthop = d.nexthop;
    if (out.ip.dst !== after.ip.dst) {
      // nat OUTPUT changed the destination: the kernel routes the packet again.
      const again = lookupRoute(ns, out.ip.dst);
      if (again.kind === 'unreachable') return this.drop(ns, 'route', `no route to ${out.ip.dst} (after DNAT) in ${this.label(ns)}`, out);
      if (again.kind === 'local') return { at: 'local', ns, dev: this.net.link(ns, 'lo')!, pkt: out };
      if (again.kind === 'blackhole') return this.blackhole(ns, out, again.route);
      dev = this.net.link(ns, again.route.dev)!;
      nexthop = again.nexthop;
      this.step(ns, 'route', `re-route after DNAT to ${out.ip.dst}: dev ${dev.name}`, out, out, COST.route, dev.name, formatRoute(again.route));
    }
    const post = this.hook(ns, 'POSTROUTING', out, undefined, dev.name);
    if (!post) return this.dropped();
    return { at: 'xmit', ns, dev, pkt: post, nexthop };
  }

  /**
   * To a local address: still through OUTPUT (where kube-proxy's KUBE-NODEPORTS may DNAT a
   * NodePort on this node to a pod), then over lo — unless DNAT sent it elsewhere.
   */
  private outputLocal(ns: NetNs, pkt: Packet, localDev: string): Pos {
    const lo = this.net.link(ns, 'lo')!;
    const local = clone(pkt);
    // To a local address the kernel also picks that address as the source.
    if (!local.ip.src) local.ip.src = pkt.ip.dst;
    this.step(ns, 'route', `${pkt.ip.dst} is a local address: delivered over lo`, pkt, local, COST.route, 'lo', `local ${pkt.ip.dst} dev ${localDev} table local proto kernel scope host src ${pkt.ip.dst}`);
    if (!lo.up) return this.drop(ns, 'route', `lo is down in ${this.label(ns)}: local traffic cannot be delivered`, local, 'lo');
    const out = this.hook(ns, 'OUTPUT', local, undefined, 'lo');
    if (!out) return this.dropped();
    const viaIpvs = this.ipvs(ns, lo, out, 'LOCAL_OUT');
    if (viaIpvs) return viaIpvs;
    if (out.ip.dst !== local.ip.dst) {
      const again = lookupRoute(ns, out.ip.dst);
      if (again.kind === 'unreachable') return this.drop(ns, 'route', `no route to ${out.ip.dst} (after DNAT) in ${this.label(ns)}`, out);
      if (again.kind === 'unicast') {
        const dev = this.net.link(ns, again.route.dev)!;
        // The source chosen before DNAT stays (kube-proxy's masquerade mark rewrites it later).
        const routed = out;
        this.step(ns, 'route', `re-route after DNAT to ${out.ip.dst}: ${again.route.via ? `via ${again.route.via} ` : ''}dev ${dev.name}`, out, routed, COST.route, dev.name, formatRoute(again.route));
        const post = this.hook(ns, 'POSTROUTING', routed, undefined, dev.name);
        if (!post) return this.dropped();
        return { at: 'xmit', ns, dev, pkt: post, nexthop: again.nexthop };
      }
    }
    const post = this.hook(ns, 'POSTROUTING', out, undefined, 'lo');
    if (!post) return this.dropped();
    const input = this.hook(ns, 'INPUT', post, 'lo');
    if (!input) return this.dropped();
    return { at: 'local', ns, dev: lo, pkt: input };
  }

  /**
   * IPVS (kube-proxy's ipvs mode): a new connection to a virtual service, which is a local
   * address on kube-ipvs0, gets a real server as its destination and is routed out again.
   */
  private ipvs(ns: NetNs, dev: Link, pkt: Packet, where: 'LOCAL_IN' | 'LOCAL_OUT'): Pos | undefined {
    if (this.leg !== 'request' || pkt.l4.proto === 'icmp') return undefined;
    const vs = findVirtualService(ns.ipvs, pkt.l4.proto, pkt.ip.dst, pkt.l4.dport);
    if (!vs || !this.nf.isNewConnection(ns, pkt)) return undefined;
    const name = `${vs.proto}  ${vs.address}:${vs.port} ${vs.scheduler}${vs.persistent ? ` persistent ${vs.persistent}` : ''}`;
    const pick = schedule(vs, pkt.ip.src, this.now(), pkt.ip.length);
    if (!pick) {
      // ip_vs_leave: no real server to schedule, so the kernel answers port unreachable.
      this.step(ns, 'ipvs', `IPVS ${where}: virtual service ${vs.proto} ${vs.address}:${vs.port} has no real servers (the Service has no ready endpoints)`, pkt, pkt, COST.hook, IPVS_DEV, name);
      return this.icmpErrorReply(ns, dev, pkt, 'port-unreachable');
    }
    const rs = pick.server;
    const after = clone(pkt);
    delete after.eth;
    after.ip.dst = rs.address;
    if (after.l4.proto !== 'icmp') after.l4.dport = rs.port;
    this.nf.ipvsNat(ns, pkt, after);
    const decided = `${name}\n  -> ${rs.address}:${rs.port} Masq ${rs.weight}`;
    this.step(ns, 'ipvs', `IPVS ${where}: virtual service ${vs.proto} ${vs.address}:${vs.port} → real server ${rs.address}:${rs.port} (Masq; ${pick.how}; conntrack remembers it for the reply)`, pkt, after, COST.hook, IPVS_DEV, decided);
    const d = lookupRoute(ns, after.ip.dst);
    if (d.kind === 'local') return { at: 'local', ns, dev: this.net.link(ns, 'lo')!, pkt: after };
    if (d.kind !== 'unicast') return this.drop(ns, 'route', `no route to the real server ${after.ip.dst} in ${this.label(ns)}`, after);
    const out = this.net.link(ns, d.route.dev)!;
    this.step(ns, 'route', `route to the real server ${after.ip.dst}: ${d.route.via ? `via ${d.route.via} ` : ''}dev ${out.name}`, after, after, COST.route, out.name, formatRoute(d.route));
    const post = this.hook(ns, 'POSTROUTING', after, undefined, out.name);
    if (!post) return this.dropped();
    return { at: 'xmit', ns, dev: out, pkt: post, nexthop: d.nexthop };
  }

  /** L3 → L2: find the next hop's MAC (or, on a VXLAN device, encapsulate). */
  private xmit(ns: NetNs, dev: Link, pkt: Packet, nexthop: string, fwd = false): Pos {
    if (!dev.up) return this.drop(ns, 'xmit', `device ${dev.name} is down`, pkt, dev.name);
    if (pkt.ip.length > dev.mtu && pkt.ip.df) return this.tooBig(ns, dev, pkt, fwd);
    if (dev.kind === 'vxlan') return this.vxlanEncap(ns, dev, pkt, nexthop);
    if (dev.kind === 'ipip') return this.ipipEncap(ns, dev, pkt, nexthop);
    let mac = ns.neigh.find((n) => n.ip === nexthop && n.dev === dev.name && n.lladdr)?.lladdr;
    if (!mac) {
      const owner = this.resolve(ns, dev, nexthop);
      if (!owner) {
        return this.drop(ns, 'arp', `ARP for ${nexthop} on ${dev.name} got no reply (Destination Host Unreachable)`, pkt, dev.name);
      }
      mac = owner.mac;
      const sender = dev.addrs.find((a) => a.scope === 'global')?.address ?? pkt.ip.src;
      this.cap(ns, dev, 'Out', { arp: { op: 'request', srcMac: dev.mac, dstMac: BROADCAST, senderIp: sender, targetIp: nexthop } });
      // The answering interface sees the broadcast arrive and sends the reply.
      const ownerNs = this.l2Domain(ns, dev).find(([, l]) => l === owner)?.[0];
      if (ownerNs) {
        this.cap(ownerNs, owner, 'In', { arp: { op: 'request', srcMac: dev.mac, dstMac: BROADCAST, senderIp: sender, targetIp: nexthop } }, COST.arp / 4);
        this.cap(ownerNs, owner, 'Out', { arp: { op: 'reply', srcMac: mac, dstMac: dev.mac, senderIp: nexthop, targetIp: sender, lladdr: mac } }, COST.arp / 4);
      }
      this.cap(ns, dev, 'In', { arp: { op: 'reply', srcMac: mac, dstMac: dev.mac, senderIp: nexthop, targetIp: sender, lladdr: mac } }, COST.arp / 2);
      ns.neigh.push({ ip: nexthop, dev: dev.name, lladdr: mac, state: 'REACHABLE' });
      const tell = dev.addrs.find((a) => a.scope === 'global')?.address ?? pkt.ip.src;
      const proxy = owner.addrs.some((a) => a.address === nexthop) ? '' : ` (proxy ARP: ${owner.name} answers for an address it does not have)`;
      this.step(ns, 'arp', `ARP: who-has ${nexthop} tell ${tell} → ${nexthop} is-at ${mac}${proxy}`, pkt, pkt, COST.arp, dev.name, `${nexthop} dev ${dev.name} lladdr ${mac} REACHABLE`);
    }
    const after = clone(pkt);
    after.eth = { src: dev.mac, dst: mac, type: 'IPv4' };
    this.step(ns, 'xmit', `frame built for next hop ${nexthop}: ${dev.mac} → ${mac}, out ${dev.name}`, pkt, after, COST.hook, dev.name);
    return { at: 'l2-out', ns, dev, pkt: after };
  }

  private vxlanEncap(ns: NetNs, dev: Link, pkt: Packet, nexthop: string): Pos {
    const neigh = ns.neigh.find((n) => n.ip === nexthop && n.dev === dev.name && n.lladdr);
    if (!neigh) {
      return this.drop(ns, 'vxlan-encap', `${dev.name} has no neighbour entry for ${nexthop} (VXLAN devices do not ARP; flanneld programs these for each peer)`, pkt, dev.name);
    }
    const fdb = dev.fdb?.find((f) => f.mac === neigh.lladdr);
    if (!fdb?.dst) return this.drop(ns, 'vxlan-encap', `${dev.name} has no FDB entry for ${neigh.lladdr}: no remote VTEP known`, pkt, dev.name);
    const vx = dev.vxlan!;
    if (this.net.localAddresses(ns).includes(fdb.dst)) {
      // Every node announced the same public IP: the "remote" VTEP is this very node.
      return this.drop(
        ns,
        'vxlan-encap',
        `${dev.name}'s FDB sends ${neigh.lladdr} to ${fdb.dst} — this node's own address, so the peer VTEP is unreachable. Which public IP did flannel announce for each node? (kubectl get nodes -o yaml | grep public-ip)`,
        pkt,
        dev.name,
        `${neigh.lladdr} dev ${dev.name} dst ${fdb.dst} self permanent`,
      );
    }
    const inner = clone(pkt);
    inner.eth = { src: dev.mac, dst: neigh.lladdr!, type: 'IPv4' };
    // Linux picks the outer UDP source port from a hash of the inner flow (32768–60999).
    const sport = 32768 + (fnv1a32(`${inner.ip.src}>${inner.ip.dst}/${inner.ip.proto}`) % (60999 - 32768 + 1));
    const outer: Packet = {
      ip: { src: vx.local, dst: fdb.dst, ttl: 64, proto: 'udp', id: inner.ip.id, length: inner.ip.length + ETH_HEADER + VXLAN_OVERHEAD },
      l4: { proto: 'udp', sport, dport: vx.dstport },
      vxlan: { vni: vx.vni },
      inner,
    };
    this.step(
      ns,
      'vxlan-encap',
      `${dev.name} encapsulates: inner frame to ${neigh.lladdr} → UDP ${vx.local}:${sport} → ${fdb.dst}:${vx.dstport}, VNI ${vx.vni}`,
      pkt,
      outer,
      COST.encap,
      dev.name,
      `${neigh.lladdr} dev ${dev.name} dst ${fdb.dst} self permanent`,
    );
    this.cap(ns, dev, 'Out', { pkt: inner });
    return { at: 'output', ns, pkt: outer };
  }

  /** A blackhole route: the kernel discards the packet (BIRD's route for a node's own Calico block). */
  private blackhole(ns: NetNs, pkt: Packet, route: Route): Pos {
    return this.drop(ns, 'route', `${pkt.ip.dst} matches the blackhole route ${route.dst} on ${this.label(ns)}: discarded (Calico keeps it for this node's own IPAM block, so an address of the block that no pod holds goes nowhere)`, pkt, undefined, formatRoute(route));
  }

  /**
   * IP-in-IP (Calico's tunl0): the inner IP packet gets an outer IPv4 header, protocol 4, to
   * the next hop (the peer node, `via NODE_IP dev tunl0 onlink`); the outer packet is then
   * routed like any packet this node sends, and its source is the outgoing NIC's address.
   */
  private ipipEncap(ns: NetNs, dev: Link, pkt: Packet, nexthop: string): Pos {
    if (nexthop === pkt.ip.dst) return this.drop(ns, 'ipip-encap', `${dev.name} has no remote endpoint for ${pkt.ip.dst}: an IPIP route needs a gateway (via NODE_IP dev ${dev.name} onlink)`, pkt, dev.name);
    const inner = clone(pkt);
    delete inner.eth;
    const outer: Packet = { ip: { src: '', dst: nexthop, ttl: 64, proto: pkt.ip.proto, id: inner.ip.id, length: inner.ip.length + 20 }, l4: structuredClone(pkt.l4), ipip: true, inner };
    this.cap(ns, dev, 'Out', { pkt: inner });
    this.step(ns, 'ipip-encap', `${dev.name} encapsulates: ${pkt.ip.src} → ${pkt.ip.dst} inside a new IPv4 header (protocol 4, IP-in-IP) to ${nexthop}`, pkt, outer, COST.encap, dev.name);
    return { at: 'output', ns, pkt: outer };
  }

  /** ARP: who on this L2 domain owns `ip`? A link with proxy_arp answers for what its host routes elsewhere (Calico's cali*). */
  private resolve(ns: NetNs, dev: Link, ip: string): Link | undefined {
    const domain = this.l2Domain(ns, dev);
    for (const [, l] of domain) if (l.up && l.addrs.some((a) => a.address === ip)) return l;
    for (const [n, l] of domain) {
      if (!l.up || n.sysctl[`net.ipv4.conf.${l.name}.proxy_arp`] !== '1') continue;
      const d = lookupRoute(n, ip);
      if (d.kind === 'local' || (d.kind === 'unicast' && d.route.dev !== l.name)) return l;
    }
    return undefined;
  }

  /** Every interface reachable at layer 2 from `dev`: veth peers, bridge ports, segment NICs. */
  private l2Domain(ns: NetNs, dev: Link): [NetNs, Link][] {
    const seen = new Set<string>();
    const out: [NetNs, Link][] = [];
    const queue: [NetNs, Link][] = [[ns, dev]];
    while (queue.length > 0) {
      const [n, l] = queue.shift()!;
      const key = `${n.id}/${l.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push([n, l]);
      if (l.peer) {
        const pn = this.net.namespaces.get(l.peer.ns);
        const pl = pn && this.net.link(pn, l.peer.ifname);
        if (pn && pl) queue.push([pn, pl]);
      }
      if (l.master) {
        const br = this.net.link(n, l.master);
        if (br) queue.push([n, br]);
      }
      if (l.kind === 'bridge') for (const p of n.links) if (p.master === l.name) queue.push([n, p]);
      if (l.segment) for (const port of this.net.segmentPorts(l.segment)) queue.push(port);
    }
    return out.slice(1);
  }

  /** A frame leaves a device. */
  private l2Out(ns: NetNs, dev: Link, pkt: Packet): Pos {
    this.cap(ns, dev, 'Out', { pkt });
    switch (dev.kind) {
      case 'veth': {
        const peerNs = this.net.namespaces.get(dev.peer!.ns);
        const peer = peerNs && this.net.link(peerNs, dev.peer!.ifname);
        if (!peerNs || !peer) return this.drop(ns, 'veth', `${dev.name} has no peer`, pkt, dev.name);
        if (!peer.up) return this.drop(peerNs, 'veth', `${peer.name} (peer of ${dev.name}) is down`, pkt, peer.name);
        this.step(ns, 'veth', `${dev.name} → veth peer ${peer.name} in ${this.label(peerNs)}`, pkt, pkt, COST.veth, dev.name);
        return { at: 'l2-in', ns: peerNs, dev: peer, pkt };
      }
      case 'bridge':
        return this.bridgeForward(ns, dev, pkt, undefined);
      case 'ether': {
        const seg = dev.segment ? this.net.segments.get(dev.segment) : undefined;
        if (!seg) return this.drop(ns, 'wire', `${dev.name} is not cabled to any network`, pkt, dev.name);
        const target = this.net.segmentPorts(seg.id).find(([, l]) => l.mac === pkt.eth!.dst && l.up);
        if (!target) return this.drop(ns, 'wire', `no host on ${seg.description} has MAC ${pkt.eth!.dst}`, pkt, dev.name);
        this.step(ns, 'wire', `${dev.name} puts the frame on the wire (${seg.description} ${seg.cidr}) to ${target[0].host}`, pkt, pkt, COST.wire, dev.name, undefined, { kind: 'segment', id: seg.id });
        return { at: 'l2-in', ns: target[0], dev: target[1], pkt };
      }
      default:
        return { at: 'l2-in', ns, dev, pkt };
    }
  }

  /** Bridge forwarding: FDB lookup, learning on a miss (flood), br_netfilter FORWARD. */
  private bridgeForward(ns: NetNs, br: Link, pkt: Packet, inPort: Link | undefined): Pos {
    const dst = pkt.eth!.dst;
    br.fdb = br.fdb ?? [];
    let entry = br.fdb.find((f) => f.mac === dst);
    let how = 'FDB hit';
    if (!entry) {
      // Unknown unicast is flooded to every port; the owner's answer teaches the bridge.
      const port = ns.links.find((p) => p.master === br.name && p.name !== inPort?.name && this.peerMac(p) === dst);
      if (!port) return this.drop(ns, 'bridge', `${br.name}: no port leads to ${dst}`, pkt, br.name);
      entry = { mac: dst, port: port.name, permanent: false };
      br.fdb.push(entry);
      how = 'FDB miss: flooded, then learned';
    }
    const out = this.net.link(ns, entry.port!)!;
    const hp = this.hairpinFrom;
    this.hairpinFrom = undefined;
    if (!inPort && hp && hp.ns === ns.id && hp.br === br.name && hp.port === out.name) {
      // br_netfilter DNAT'ed the frame and bridges it back: the bridge only sends a frame out of the port it came in on with hairpin on.
      const decided = `${out.name}: master ${br.name} hairpin ${out.hairpin ? 'on' : 'off'}`;
      if (!out.hairpin) return this.drop(ns, 'bridge', `${br.name} would send the frame back out of ${out.name}, the port it came in on: hairpin mode is off on ${out.name} (bridge link set dev ${out.name} hairpin on)`, pkt, br.name, decided);
      this.step(ns, 'bridge', `${br.name} sends the frame back out of ${out.name}, the port it came in on (hairpin mode is on)`, pkt, pkt, COST.bridge, br.name, decided);
      return { at: 'l2-out', ns, dev: out, pkt };
    }
    let cur = pkt;
    if (inPort && ns.sysctl['net.bridge.bridge-nf-call-iptables'] === '1') {
      // br_netfilter: bridged IPv4 frames traverse PREROUTING, FORWARD and POSTROUTING too.
      for (const h of ['PREROUTING', 'FORWARD', 'POSTROUTING'] as const) {
        const next = this.hook(ns, h, cur, br.name, h === 'PREROUTING' ? undefined : br.name);
        if (!next) return this.dropped();
        cur = next;
      }
    }
    this.step(ns, 'bridge', `${br.name} forwards ${dst} out of port ${out.name} (${how})`, cur, cur, COST.bridge, br.name, `${dst} dev ${out.name} master ${br.name}`);
    return { at: 'l2-out', ns, dev: out, pkt: cur };
  }

  private peerMac(port: Link): string | undefined {
    if (!port.peer) return undefined;
    const pn = this.net.namespaces.get(port.peer.ns);
    return pn && this.net.link(pn, port.peer.ifname)?.mac;
  }

  /** A frame arrives at a device. */
  private l2In(ns: NetNs, dev: Link, pkt: Packet): Pos {
    this.cap(ns, dev, 'In', { pkt });
    if (dev.master) {
      const br = this.net.link(ns, dev.master)!;
      // tcpdump puts the bridge in promiscuous mode: it sees every frame its ports receive.
      this.cap(ns, br, 'In', { pkt });
      br.fdb = br.fdb ?? [];
      const src = pkt.eth!.src;
      if (!br.fdb.some((f) => f.mac === src)) br.fdb.push({ mac: src, port: dev.name, permanent: false });
      if (pkt.eth!.dst === br.mac) {
        this.step(ns, 'bridge', `${dev.name} is a port of ${br.name}; the frame is addressed to ${br.name} itself, so it goes up to ${ns.host}'s IP stack`, pkt, pkt, COST.bridge, br.name);
        this.bridgeIngress = { ns: ns.id, br: br.name, port: dev.name };
        return { at: 'ip-in', ns, dev: br, pkt };
      }
      return this.bridgeForward(ns, br, pkt, dev);
    }
    if (pkt.eth!.dst !== dev.mac && pkt.eth!.dst !== BROADCAST) {
      return this.drop(ns, 'l2-in', `${dev.name} (${dev.mac}) is not the frame's destination ${pkt.eth!.dst}`, pkt, dev.name);
    }
    return { at: 'ip-in', ns, dev, pkt };
  }

  /** IP receive: PREROUTING, then local delivery or forwarding. */
  private ipIn(ns: NetNs, dev: Link, frame: Packet): Pos {
    const pkt = this.hook(ns, 'PREROUTING', frame, dev.name);
    const ingress = this.bridgeIngress;
    this.bridgeIngress = undefined;
    if (!pkt) return this.dropped();
    if (ingress?.ns === ns.id && pkt.ip.dst !== frame.ip.dst && ns.sysctl['net.bridge.bridge-nf-call-iptables'] === '1') this.hairpinFrom = ingress;
    const d = lookupRoute(ns, pkt.ip.dst);
    if (d.kind === 'local') {
      this.step(ns, 'route', `${pkt.ip.dst} is local to ${this.label(ns)}: deliver (INPUT)`, pkt, pkt, COST.route, dev.name, `local ${pkt.ip.dst} dev ${d.dev} table local proto kernel scope host src ${pkt.ip.dst}`);
      const input = this.hook(ns, 'INPUT', pkt, dev.name);
      if (!input) return this.dropped();
      return this.ipvs(ns, dev, input, 'LOCAL_IN') ?? { at: 'local', ns, dev, pkt: input };
    }
    if (ns.sysctl['net.ipv4.ip_forward'] !== '1') {
      return this.drop(ns, 'route', `${pkt.ip.dst} is not local and net.ipv4.ip_forward=0 on ${this.label(ns)}: the kernel does not route`, pkt, dev.name, 'net.ipv4.ip_forward = 0');
    }
    if (d.kind === 'unreachable') {
      if (ns.host === INTERNET && isPrivate(pkt.ip.dst)) {
        return this.drop(ns, 'route', `the internet does not route private addresses: ${pkt.ip.dst} left the node network through a default route. Is there a route for its pod subnet on the nodes, or on the router (a cloud route)?`, pkt, dev.name);
      }
      return this.drop(ns, 'route', `no route to ${pkt.ip.dst} on ${this.label(ns)}`, pkt, dev.name);
    }
    if (d.kind === 'blackhole') return this.blackhole(ns, pkt, d.route);
    if (pkt.ip.ttl <= 1) {
      const at = this.drop(ns, 'route', `TTL exceeded in transit at ${this.label(ns)}`, pkt, dev.name);
      if (!this.opts.icmpErrors || this.leg === 'reply') return at;
      return this.icmpErrorReply(ns, dev, pkt, 'time-exceeded');
    }
    const out = this.net.link(ns, d.route.dev)!;
    const after = clone(pkt);
    after.ip.ttl -= 1;
    delete after.eth;
    const via = d.route.via ? `via ${d.route.via} ` : '';
    this.step(ns, 'route', `forward ${pkt.ip.dst}: ${via}dev ${out.name}, TTL ${pkt.ip.ttl} → ${after.ip.ttl}`, pkt, after, COST.route, out.name, formatRoute(d.route));
    const fwd = this.hook(ns, 'FORWARD', after, dev.name, out.name);
    if (!fwd) return this.dropped();
    const post = this.hook(ns, 'POSTROUTING', fwd, undefined, out.name);
    if (!post) return this.dropped();
    return { at: 'xmit', ns, dev: out, pkt: post, nexthop: d.nexthop, fwd: true };
  }

  /**
   * A DF packet larger than the outgoing device's MTU. The sender's own kernel refuses it
   * (EMSGSIZE: "message too long"); a router drops it and answers ICMP fragmentation needed
   * with its MTU, from the address of the interface the packet came in on.
   */
  private tooBig(ns: NetNs, dev: Link, pkt: Packet, fwd: boolean): Pos {
    const decided = `${dev.name}: mtu ${dev.mtu}`;
    if (!fwd) return this.drop(ns, 'xmit', `message too long, mtu=${dev.mtu}: ${pkt.ip.length} bytes with DF set do not fit ${dev.name} (mtu ${dev.mtu}) — the sender's own kernel refuses to send it`, pkt, dev.name, decided);
    this.step(ns, 'xmit', `dropped: frag needed and DF set (mtu ${dev.mtu}): ${pkt.ip.length} bytes do not fit ${dev.name}; ${this.label(ns)} answers ICMP fragmentation needed`, pkt, pkt, COST.hook, dev.name, decided);
    if (this.leg === 'reply' || pkt.l4.proto === 'icmp' && pkt.l4.type !== 'echo-request') return { at: 'done', outcome: 'dropped', reason: `frag needed and DF set (mtu ${dev.mtu}) at ${this.label(ns)}` };
    const back = lookupRoute(ns, pkt.ip.src);
    const inDev = back.kind === 'unicast' ? this.net.link(ns, back.route.dev) : undefined;
    return this.icmpErrorReply(ns, inDev ?? dev, pkt, 'frag-needed', dev.mtu);
  }

  /** Local delivery: the VXLAN socket decapsulates; ICMP echo is answered. */
  private local(ns: NetNs, dev: Link, pkt: Packet, opts: WalkOptions): Pos {
    if (pkt.ipip && pkt.inner) {
      const tunl = ns.links.find((l) => l.kind === 'ipip' && l.up);
      if (!tunl) return this.drop(ns, 'ipip-decap', `IP protocol 4 (IP-in-IP) arrived, but ${this.label(ns)} has no ipip device up (tunl0): the kernel drops it`, pkt, dev.name);
      const inner = clone(pkt.inner);
      this.step(ns, 'ipip-decap', `${tunl.name} strips the outer IPv4 header (${pkt.ip.src} → ${pkt.ip.dst}, protocol 4); the inner packet ${inner.ip.src} → ${inner.ip.dst} arrives on ${tunl.name}`, pkt, inner, COST.encap, tunl.name);
      this.cap(ns, tunl, 'In', { pkt: inner });
      return { at: 'ip-in', ns, dev: tunl, pkt: inner };
    }
    if (pkt.vxlan && pkt.inner && pkt.l4.proto === 'udp') {
      const vx = ns.links.find((l) => l.kind === 'vxlan' && l.vxlan!.dstport === (pkt.l4 as { dport: number }).dport && l.vxlan!.vni === pkt.vxlan!.vni);
      if (!vx) return this.drop(ns, 'vxlan-decap', `UDP port ${pkt.l4.dport}: no VXLAN device with VNI ${pkt.vxlan.vni} listens on ${this.label(ns)}`, pkt, dev.name);
      const inner = clone(pkt.inner);
      this.step(ns, 'vxlan-decap', `UDP ${pkt.l4.dport} → ${vx.name} (VNI ${pkt.vxlan.vni}) strips the outer headers; the inner frame appears on ${vx.name}`, pkt, inner, COST.encap, vx.name);
      return { at: 'l2-in', ns, dev: vx, pkt: inner };
    }
    if (pkt.l4.proto === 'icmp' && pkt.l4.type === 'echo-request') {
      const host = OUTSIDE_HOSTS[pkt.ip.dst] ? `${pkt.ip.dst} (${OUTSIDE_HOSTS[pkt.ip.dst]}) on the internet` : this.label(ns);
      this.step(ns, 'deliver', `${host} receives the ICMP echo request from ${pkt.ip.src}`, pkt, pkt, COST.hook, dev.name);
      if (!opts.answerEcho) return { at: 'done', outcome: 'delivered' };
      this.leg = 'reply';
      this.nf.newPacket();
      const reply: Packet = {
        ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'icmp', id: pkt.ip.id + 1, length: pkt.ip.length },
        l4: { proto: 'icmp', type: 'echo-reply', id: pkt.l4.id, seq: pkt.l4.seq },
      };
      this.step(ns, 'icmp', `the kernel answers with an ICMP echo reply to ${pkt.ip.src}`, pkt, reply, COST.hook, dev.name);
      return { at: 'output', ns, pkt: reply };
    }
    if (pkt.l4.proto === 'icmp' && pkt.l4.type === 'echo-reply') {
      this.replied = true;
      this.replyTtl = pkt.ip.ttl;
      this.step(ns, 'deliver', `${this.label(ns)} receives the echo reply from ${pkt.ip.src} (ttl=${pkt.ip.ttl})`, pkt, pkt, COST.hook, dev.name);
      return { at: 'done', outcome: 'delivered' };
    }
    if (pkt.l4.proto === 'icmp') {
      // An ICMP error reached the sender: the probe's answer.
      this.replied = true;
      this.icmpError = { type: pkt.l4.type as 'time-exceeded' | 'port-unreachable' | 'host-unreachable' | 'frag-needed', from: pkt.ip.src, ...(pkt.l4.mtu ? { mtu: pkt.l4.mtu } : {}) };
      // A TCP connect that meets "port unreachable" fails with ECONNREFUSED.
      if (pkt.l4.type === 'port-unreachable' && pkt.l4.quoted?.proto === 'tcp') this.refused = true;
      this.step(ns, 'deliver', `${this.label(ns)} receives ICMP ${pkt.l4.type.replace('-', ' ')} from ${pkt.ip.src}`, pkt, pkt, COST.hook, dev.name);
      return { at: 'done', outcome: 'delivered' };
    }
    if (pkt.l4.proto === 'tcp') return this.tcpLocal(ns, dev, pkt, opts);
    return this.udpLocal(ns, dev, pkt);
  }

  /** TCP: a SYN is answered with SYN-ACK by a listener, or RST; the answer ends the walk. */
  private tcpLocal(ns: NetNs, dev: Link, pkt: Packet, opts: WalkOptions): Pos {
    const l4 = pkt.l4 as Extract<Packet['l4'], { proto: 'tcp' }>;
    if (this.leg === 'reply') {
      this.replied = true;
      this.refused = l4.flags.includes('R');
      const what = this.refused ? `RST from ${pkt.ip.src}:${l4.sport}: Connection refused` : `SYN-ACK from ${pkt.ip.src}:${l4.sport}: the connection is established`;
      this.step(ns, 'deliver', `${this.label(ns)} receives the ${what}`, pkt, pkt, COST.hook, dev.name);
      return { at: 'done', outcome: 'delivered' };
    }
    const proc = this.sockets(ns, 'tcp', l4.dport);
    this.listener = proc;
    this.step(ns, 'deliver', proc ? `${proc} listens on TCP port ${l4.dport} in ${this.label(ns)}: it accepts the SYN from ${pkt.ip.src}:${l4.sport}` : `nothing listens on TCP port ${l4.dport} in ${this.label(ns)}`, pkt, pkt, COST.hook, dev.name);
    if (!opts.answerEcho) return { at: 'done', outcome: 'delivered' };
    this.leg = 'reply';
    this.nf.newPacket();
    const reply: Packet = {
      ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'tcp', id: pkt.ip.id + 1, length: proc ? 60 : 40 },
      l4: { proto: 'tcp', sport: l4.dport, dport: l4.sport, flags: proc ? 'SA' : 'RA' },
    };
    this.step(ns, 'tcp', proc ? `the kernel answers SYN-ACK for ${proc}` : 'the kernel answers RST: Connection refused', pkt, reply, COST.hook, dev.name);
    return { at: 'output', ns, pkt: reply };
  }

  /** UDP: delivered to a listening socket, or answered with ICMP port unreachable. */
  private udpLocal(ns: NetNs, dev: Link, pkt: Packet): Pos {
    const l4 = pkt.l4 as Extract<Packet['l4'], { proto: 'udp' }>;
    if (this.leg === 'reply') {
      this.replied = true;
      this.step(ns, 'deliver', `${this.label(ns)} receives the UDP reply from ${pkt.ip.src}:${l4.sport}`, pkt, pkt, COST.hook, dev.name);
      return { at: 'done', outcome: 'delivered' };
    }
    const proc = this.sockets(ns, 'udp', l4.dport);
    if (proc) {
      this.listener = proc;
      this.step(ns, 'deliver', `${proc} receives the UDP datagram on port ${l4.dport} in ${this.label(ns)}`, pkt, pkt, COST.hook, dev.name);
      if (!this.opts.answerUdp) return { at: 'done', outcome: 'delivered' };
      this.leg = 'reply';
      this.nf.newPacket();
      const reply: Packet = { ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'udp', id: pkt.ip.id + 1, length: pkt.ip.length }, l4: { proto: 'udp', sport: l4.dport, dport: l4.sport }, ...(pkt.dns ? { dns: { ...pkt.dns, response: true } } : {}) };
      this.step(ns, 'udp', `${proc} answers ${pkt.ip.src}:${l4.sport} from port ${l4.dport}`, pkt, reply, COST.hook, dev.name);
      return { at: 'output', ns, pkt: reply };
    }
    this.step(ns, 'deliver', `nothing listens on UDP port ${l4.dport} in ${this.label(ns)}`, pkt, pkt, COST.hook, dev.name);
    if (!this.opts.icmpErrors) return { at: 'done', outcome: 'delivered' };
    return this.icmpErrorReply(ns, dev, pkt, 'port-unreachable');
  }

  /** Sends an ICMP error about `pkt` back to its source, from the receiving interface's address. */
  private icmpErrorReply(ns: NetNs, dev: Link, pkt: Packet, type: 'time-exceeded' | 'port-unreachable' | 'frag-needed', mtu?: number): Pos {
    const from = type === 'port-unreachable' ? pkt.ip.dst : (dev.addrs.find((a) => a.scope === 'global')?.address ?? this.net.localAddresses(ns).find((a) => !a.startsWith('127.')) ?? pkt.ip.dst);
    this.leg = 'reply';
    this.nf.newPacket();
    const err: Packet = {
      ip: { src: from, dst: pkt.ip.src, ttl: 64, proto: 'icmp', id: pkt.ip.id + 1, length: 56 },
      l4: { proto: 'icmp', type, id: 0, seq: 0, quoted: { src: pkt.ip.src, dst: pkt.ip.dst, proto: pkt.l4.proto, sport: pkt.l4.proto === 'icmp' ? pkt.l4.id : pkt.l4.sport, dport: pkt.l4.proto === 'icmp' ? pkt.l4.id : pkt.l4.dport }, ...(mtu ? { mtu } : {}) },
    };
    this.step(ns, 'icmp', `${this.label(ns)} sends ICMP ${type.replace('-', ' ')} back to ${pkt.ip.src}`, pkt, err, COST.hook, dev.name);
    return { at: 'output', ns, pkt: err };
  }
}

function clone(p: Packet): Packet {
  return structuredClone(p);
}

/** RFC 1918 ranges: never routed on the public internet. */
function isPrivate(ip: string): boolean {
  return ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].some((r) => cidrContains(r, ip));
}
