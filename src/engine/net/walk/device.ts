// A frame leaving or arriving at a device: veth pair, bridge port, NIC on a wire segment.
import type { Packet } from '../packet';
import type { Link, NetNs } from '../types';
import { bridgeForward } from './bridge';
import type { Walk } from './state';
import { BROADCAST, COST, type Pos } from './types';

/** A frame leaves a device. */
export function l2Out(w: Walk, ns: NetNs, dev: Link, pkt: Packet): Pos {
  w.cap(ns, dev, 'Out', { pkt });
  switch (dev.kind) {
    case 'veth': {
      const peerNs = w.net.namespaces.get(dev.peer!.ns);
      const peer = peerNs && w.net.link(peerNs, dev.peer!.ifname);
      if (!peerNs || !peer) return w.drop(ns, 'veth', `${dev.name} has no peer`, pkt, dev.name);
      if (!peer.up) return w.drop(peerNs, 'veth', `${peer.name} (peer of ${dev.name}) is down`, pkt, peer.name);
      w.step(ns, 'veth', `${dev.name} → veth peer ${peer.name} in ${w.label(peerNs)}`, pkt, pkt, COST.veth, dev.name);
      return { at: 'l2-in', ns: peerNs, dev: peer, pkt };
    }
    case 'bridge':
      return bridgeForward(w, ns, dev, pkt, undefined);
    case 'ether': {
      const seg = dev.segment ? w.net.segments.get(dev.segment) : undefined;
      if (!seg) return w.drop(ns, 'wire', `${dev.name} is not cabled to any network`, pkt, dev.name);
      const target = w.net.segmentPorts(seg.id).find(([, l]) => l.mac === pkt.eth!.dst && l.up);
      if (!target) return w.drop(ns, 'wire', `no host on ${seg.description} has MAC ${pkt.eth!.dst}`, pkt, dev.name);
      w.step(ns, 'wire', `${dev.name} puts the frame on the wire (${seg.description} ${seg.cidr}) to ${target[0].host}`, pkt, pkt, COST.wire, dev.name, undefined, { kind: 'segment', id: seg.id });
      return { at: 'l2-in', ns: target[0], dev: target[1], pkt };
    }
    default:
      return { at: 'l2-in', ns, dev, pkt };
  }
}

/** A frame arrives at a device. */
export function l2In(w: Walk, ns: NetNs, dev: Link, pkt: Packet): Pos {
  w.cap(ns, dev, 'In', { pkt });
  if (dev.master) {
    const br = w.net.link(ns, dev.master)!;
    // tcpdump puts the bridge in promiscuous mode: it sees every frame its ports receive.
    w.cap(ns, br, 'In', { pkt });
    br.fdb = br.fdb ?? [];
    const src = pkt.eth!.src;
    if (!br.fdb.some((f) => f.mac === src)) br.fdb.push({ mac: src, port: dev.name, permanent: false });
    if (pkt.eth!.dst === br.mac) {
      w.step(ns, 'bridge', `${dev.name} is a port of ${br.name}; the frame is addressed to ${br.name} itself, so it goes up to ${ns.host}'s IP stack`, pkt, pkt, COST.bridge, br.name);
      w.bridgeIngress = { ns: ns.id, br: br.name, port: dev.name };
      return { at: 'ip-in', ns, dev: br, pkt };
    }
    return bridgeForward(w, ns, br, pkt, dev);
  }
  if (pkt.eth!.dst !== dev.mac && pkt.eth!.dst !== BROADCAST) {
    return w.drop(ns, 'l2-in', `${dev.name} (${dev.mac}) is not the frame's destination ${pkt.eth!.dst}`, pkt, dev.name);
  }
  return { at: 'ip-in', ns, dev, pkt };
}
