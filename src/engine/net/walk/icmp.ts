// ICMP errors the kernel sends back: fragmentation needed (PMTU), time exceeded, port unreachable.
import { lookupRoute } from '../routing';
import type { Packet } from '../packet';
import type { Link, NetNs } from '../types';
import type { Walk } from './state';
import { COST, type Pos } from './types';

/** Sends an ICMP error about `pkt` back to its source, from the receiving interface's address. */
export function icmpErrorReply(w: Walk, ns: NetNs, dev: Link, pkt: Packet, type: 'time-exceeded' | 'port-unreachable' | 'frag-needed', mtu?: number): Pos {
  const from = type === 'port-unreachable' ? pkt.ip.dst : (dev.addrs.find((a) => a.scope === 'global')?.address ?? w.net.localAddresses(ns).find((a) => !a.startsWith('127.')) ?? pkt.ip.dst);
  w.leg = 'reply';
  w.nf.newPacket();
  const err: Packet = {
    ip: { src: from, dst: pkt.ip.src, ttl: 64, proto: 'icmp', id: pkt.ip.id + 1, length: 56 },
    l4: { proto: 'icmp', type, id: 0, seq: 0, quoted: { src: pkt.ip.src, dst: pkt.ip.dst, proto: pkt.l4.proto, sport: pkt.l4.proto === 'icmp' ? pkt.l4.id : pkt.l4.sport, dport: pkt.l4.proto === 'icmp' ? pkt.l4.id : pkt.l4.dport }, ...(mtu ? { mtu } : {}) },
  };
  w.step(ns, 'icmp', `${w.label(ns)} sends ICMP ${type.replace('-', ' ')} back to ${pkt.ip.src}`, pkt, err, COST.hook, dev.name);
  return { at: 'output', ns, pkt: err };
}

/**
 * A DF packet larger than the outgoing device's MTU. The sender's own kernel refuses it
 * (EMSGSIZE: "message too long"); a router drops it and answers ICMP fragmentation needed
 * with its MTU, from the address of the interface the packet came in on.
 */
export function tooBig(w: Walk, ns: NetNs, dev: Link, pkt: Packet, fwd: boolean): Pos {
  const decided = `${dev.name}: mtu ${dev.mtu}`;
  if (!fwd) return w.drop(ns, 'xmit', `message too long, mtu=${dev.mtu}: ${pkt.ip.length} bytes with DF set do not fit ${dev.name} (mtu ${dev.mtu}) — the sender's own kernel refuses to send it`, pkt, dev.name, decided);
  w.step(ns, 'xmit', `dropped: frag needed and DF set (mtu ${dev.mtu}): ${pkt.ip.length} bytes do not fit ${dev.name}; ${w.label(ns)} answers ICMP fragmentation needed`, pkt, pkt, COST.hook, dev.name, decided);
  if (w.leg === 'reply' || pkt.l4.proto === 'icmp' && pkt.l4.type !== 'echo-request') return { at: 'done', outcome: 'dropped', reason: `frag needed and DF set (mtu ${dev.mtu}) at ${w.label(ns)}` };
  const back = lookupRoute(ns, pkt.ip.src);
  const inDev = back.kind === 'unicast' ? w.net.link(ns, back.route.dev) : undefined;
  return icmpErrorReply(w, ns, inDev ?? dev, pkt, 'frag-needed', dev.mtu);
}
