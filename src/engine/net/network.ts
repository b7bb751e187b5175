/**
 * All network namespaces of the simulated machines and the L2 segments between them, with
 * the operations `ip`, `brctl` and the CNI plugins perform. Kernel side effects happen here
 * as in Linux: adding an address adds its connected route (proto kernel scope link).
 */
import type { Prng } from '../sim/prng';
import { emptyIptables } from './iptables';
import { broadcastOf, networkOf } from './ip';
import type { IfAddr, Link, LinkKind, NetNs, Route, Segment } from './types';

/** A route in the cloud's VPC route table (`gcloud compute routes create`), applied on the router. */
export interface CloudRoute {
  name: string;
  network: string;
  destRange: string;
  nextHop: string;
  priority: number;
}

export class Network {
  namespaces = new Map<string, NetNs>();
  segments = new Map<string, Segment>();
  cloudRoutes: CloudRoute[] = [];

  constructor(private readonly prng: Prng) {}

  addNamespace(id: string, host: string, kind: NetNs['kind'], pod?: string): NetNs {
    const ns: NetNs = {
      id,
      host,
      kind,
      pod,
      links: [],
      routes: [],
      neigh: [],
      sysctl: {
        'net.ipv4.ip_forward': kind === 'pod' || kind === 'netns' ? '0' : '1',
        'net.bridge.bridge-nf-call-iptables': '1',
      },
      iptables: emptyIptables(),
      conntrack: [],
      nextIfindex: 1,
    };
    this.namespaces.set(id, ns);
    // A fresh `ip netns add` namespace has lo down; hosts and pods (CNI's loopback plugin) have it up.
    this.addLink(ns, 'lo', 'loopback', { mtu: 65536, mac: '00:00:00:00:00:00', up: kind !== 'netns' });
    this.addAddress(ns, 'lo', '127.0.0.1', 8, 'host');
    return ns;
  }

  ns(id: string): NetNs {
    const ns = this.namespaces.get(id);
    if (!ns) throw new Error(`Cannot open network namespace "${id}": No such file or directory`);
    return ns;
  }

  removeNamespace(id: string): void {
    const ns = this.namespaces.get(id);
    if (!ns) return;
    // Deleting a netns destroys its veths, and with them their peers.
    for (const l of ns.links) if (l.peer) this.removeLinkOnly(l.peer.ns, l.peer.ifname);
    this.namespaces.delete(id);
  }

  addLink(ns: NetNs, name: string, kind: LinkKind, opts: Partial<Link> = {}): Link {
    if (ns.links.some((l) => l.name === name)) throw new Error('RTNETLINK answers: File exists');
    const link: Link = {
      ifindex: ns.nextIfindex++,
      name,
      kind,
      mac: opts.mac ?? this.prng.mac(),
      mtu: opts.mtu ?? 1500,
      up: opts.up ?? kind === 'loopback',
      addrs: [],
      ...opts,
    };
    if (kind === 'bridge' || kind === 'vxlan') link.fdb = link.fdb ?? [];
    ns.links.push(link);
    return link;
  }

  link(ns: NetNs, name: string): Link | undefined {
    return ns.links.find((l) => l.name === name);
  }

  /** Creates a veth pair; `b` is created in namespace `nsB` (as `ip link add ... netns`). */
  addVethPair(nsA: NetNs, a: string, nsB: NetNs, b: string, mtu: number): [Link, Link] {
    const la = this.addLink(nsA, a, 'veth', { mtu });
    const lb = this.addLink(nsB, b, 'veth', { mtu });
    la.peer = { ns: nsB.id, ifname: b };
    lb.peer = { ns: nsA.id, ifname: a };
    return [la, lb];
  }

  private removeLinkOnly(nsId: string, ifname: string): void {
    const ns = this.namespaces.get(nsId);
    if (!ns) return;
    ns.links = ns.links.filter((l) => l.name !== ifname);
    ns.routes = ns.routes.filter((r) => r.dev !== ifname);
    ns.neigh = ns.neigh.filter((n) => n.dev !== ifname);
    for (const l of ns.links) if (l.fdb) l.fdb = l.fdb.filter((f) => f.port !== ifname);
  }

  /** `ip link del`: deleting one end of a veth pair deletes both. */
  deleteLink(ns: NetNs, name: string): void {
    const l = this.link(ns, name);
    if (!l) throw new Error(`Cannot find device "${name}"`);
    if (l.kind === 'loopback') throw new Error('RTNETLINK answers: Operation not supported');
    if (l.peer) this.removeLinkOnly(l.peer.ns, l.peer.ifname);
    if (l.kind === 'bridge') for (const p of ns.links) if (p.master === name) delete p.master;
    this.removeLinkOnly(ns.id, name);
  }

  /** `ip link set DEV netns NS`: the link moves, keeping its peer; addresses are dropped as in Linux. */
  moveLink(from: NetNs, name: string, to: NetNs): void {
    const l = this.link(from, name);
    if (!l) throw new Error(`Cannot find device "${name}"`);
    if (this.link(to, name)) throw new Error('RTNETLINK answers: File exists');
    if (l.kind !== 'veth' && l.kind !== 'dummy' && l.kind !== 'ether') throw new Error('RTNETLINK answers: Invalid argument');
    this.removeLinkOnly(from.id, name);
    l.addrs = [];
    l.up = false;
    delete l.master;
    if (to.links.some((x) => x.ifindex === l.ifindex)) l.ifindex = to.nextIfindex++;
    else to.nextIfindex = Math.max(to.nextIfindex, l.ifindex + 1);
    to.links.push(l);
    if (l.peer) {
      const pn = this.namespaces.get(l.peer.ns);
      const pl = pn && this.link(pn, l.peer.ifname);
      if (pl) pl.peer = { ns: to.id, ifname: name };
    }
  }

  deleteAddress(ns: NetNs, dev: string, address: string, prefix: number): void {
    const l = this.link(ns, dev);
    if (!l) throw new Error(`Cannot find device "${dev}"`);
    const i = l.addrs.findIndex((a) => a.address === address && a.prefix === prefix);
    if (i < 0) throw new Error('RTNETLINK answers: Cannot assign requested address');
    l.addrs.splice(i, 1);
    ns.routes = ns.routes.filter((r) => !(r.proto === 'kernel' && r.dev === dev && r.src === address));
  }

  setUp(ns: NetNs, name: string, up: boolean): void {
    const l = this.link(ns, name);
    if (!l) throw new Error(`Cannot find device "${name}"`);
    l.up = up;
  }

  setMaster(ns: NetNs, port: string, bridge: string): void {
    const p = this.link(ns, port);
    const b = this.link(ns, bridge);
    if (!p) throw new Error(`Cannot find device "${port}"`);
    if (!b || b.kind !== 'bridge') throw new Error(`Device "${bridge}" is not a bridge`);
    p.master = bridge;
  }

  /** `ip addr add ADDR/PREFIX dev DEV`: also installs the connected route, as the kernel does. */
  addAddress(ns: NetNs, dev: string, address: string, prefix: number, scope: IfAddr['scope'] = 'global', noPrefixRoute = false): void {
    const l = this.link(ns, dev);
    if (!l) throw new Error(`Cannot find device "${dev}"`);
    if (l.addrs.some((a) => a.address === address)) throw new Error('RTNETLINK answers: File exists');
    l.addrs.push({ address, prefix, scope, broadcast: prefix < 31 && scope === 'global' ? broadcastOf(address, prefix) : undefined });
    if (!noPrefixRoute && prefix < 32 && scope !== 'host') {
      this.addRoute(ns, { dst: networkOf(address, prefix), dev, proto: 'kernel', scope: 'link', src: address });
    }
  }

  addRoute(ns: NetNs, route: Route): void {
    if (ns.routes.some((r) => r.dst === route.dst && (r.metric ?? 0) === (route.metric ?? 0))) throw new Error('RTNETLINK answers: File exists');
    ns.routes.push(route);
  }

  addSegment(seg: Segment): void {
    this.segments.set(seg.id, seg);
  }

  /** Every NIC plugged into a segment, as [namespace, link]. */
  segmentPorts(segmentId: string): [NetNs, Link][] {
    const out: [NetNs, Link][] = [];
    for (const ns of this.namespaces.values()) for (const l of ns.links) if (l.segment === segmentId) out.push([ns, l]);
    return out;
  }

  /** Local addresses of a namespace (what the kernel's local table holds). */
  localAddresses(ns: NetNs): string[] {
    return ns.links.flatMap((l) => l.addrs.map((a) => a.address));
  }
}
