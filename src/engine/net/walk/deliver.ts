// Local delivery: decapsulation, ICMP echo, TCP and UDP sockets, and the reply that walks back.
import type { Packet } from '../packet';
import type { Link, NetNs } from '../types';
import { OUTSIDE_HOSTS } from '../uplink';
import { icmpErrorReply } from './icmp';
import { decap } from './overlay';
import type { Walk } from './state';
import { COST, type Pos, type WalkOptions } from './types';

/** Local delivery: the VXLAN socket decapsulates; ICMP echo is answered. */
export function local(w: Walk, ns: NetNs, dev: Link, pkt: Packet, opts: WalkOptions): Pos {
  const decapsulated = decap(w, ns, dev, pkt);
  if (decapsulated) return decapsulated;
  if (pkt.l4.proto === 'icmp' && pkt.l4.type === 'echo-request') {
    const host = OUTSIDE_HOSTS[pkt.ip.dst] ? `${pkt.ip.dst} (${OUTSIDE_HOSTS[pkt.ip.dst]}) on the internet` : w.label(ns);
    w.step(ns, 'deliver', `${host} receives the ICMP echo request from ${pkt.ip.src}`, pkt, pkt, COST.hook, dev.name);
    if (!opts.answerEcho) return { at: 'done', outcome: 'delivered' };
    w.leg = 'reply';
    w.nf.newPacket();
    const reply: Packet = {
      ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'icmp', id: pkt.ip.id + 1, length: pkt.ip.length },
      l4: { proto: 'icmp', type: 'echo-reply', id: pkt.l4.id, seq: pkt.l4.seq },
    };
    w.step(ns, 'icmp', `the kernel answers with an ICMP echo reply to ${pkt.ip.src}`, pkt, reply, COST.hook, dev.name);
    return { at: 'output', ns, pkt: reply };
  }
  if (pkt.l4.proto === 'icmp' && pkt.l4.type === 'echo-reply') {
    w.replied = true;
    w.replyTtl = pkt.ip.ttl;
    w.step(ns, 'deliver', `${w.label(ns)} receives the echo reply from ${pkt.ip.src} (ttl=${pkt.ip.ttl})`, pkt, pkt, COST.hook, dev.name);
    return { at: 'done', outcome: 'delivered' };
  }
  if (pkt.l4.proto === 'icmp') {
    // An ICMP error reached the sender: the probe's answer.
    w.replied = true;
    w.icmpError = { type: pkt.l4.type as 'time-exceeded' | 'port-unreachable' | 'host-unreachable' | 'frag-needed', from: pkt.ip.src, ...(pkt.l4.mtu ? { mtu: pkt.l4.mtu } : {}) };
    // A TCP connect that meets "port unreachable" fails with ECONNREFUSED.
    if (pkt.l4.type === 'port-unreachable' && pkt.l4.quoted?.proto === 'tcp') w.refused = true;
    w.step(ns, 'deliver', `${w.label(ns)} receives ICMP ${pkt.l4.type.replace('-', ' ')} from ${pkt.ip.src}`, pkt, pkt, COST.hook, dev.name);
    return { at: 'done', outcome: 'delivered' };
  }
  if (pkt.l4.proto === 'tcp') return tcpLocal(w, ns, dev, pkt, opts);
  return udpLocal(w, ns, dev, pkt);
}

/** TCP: a SYN is answered with SYN-ACK by a listener, or RST; the answer ends the walk. */
function tcpLocal(w: Walk, ns: NetNs, dev: Link, pkt: Packet, opts: WalkOptions): Pos {
  const l4 = pkt.l4 as Extract<Packet['l4'], { proto: 'tcp' }>;
  if (w.leg === 'reply') {
    w.replied = true;
    w.refused = l4.flags.includes('R');
    const what = w.refused ? `RST from ${pkt.ip.src}:${l4.sport}: Connection refused` : `SYN-ACK from ${pkt.ip.src}:${l4.sport}: the connection is established`;
    w.step(ns, 'deliver', `${w.label(ns)} receives the ${what}`, pkt, pkt, COST.hook, dev.name);
    return { at: 'done', outcome: 'delivered' };
  }
  const proc = w.sockets(ns, 'tcp', l4.dport);
  w.listener = proc;
  w.step(ns, 'deliver', proc ? `${proc} listens on TCP port ${l4.dport} in ${w.label(ns)}: it accepts the SYN from ${pkt.ip.src}:${l4.sport}` : `nothing listens on TCP port ${l4.dport} in ${w.label(ns)}`, pkt, pkt, COST.hook, dev.name);
  if (!opts.answerEcho) return { at: 'done', outcome: 'delivered' };
  w.leg = 'reply';
  w.nf.newPacket();
  const reply: Packet = {
    ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'tcp', id: pkt.ip.id + 1, length: proc ? 60 : 40 },
    l4: { proto: 'tcp', sport: l4.dport, dport: l4.sport, flags: proc ? 'SA' : 'RA' },
  };
  w.step(ns, 'tcp', proc ? `the kernel answers SYN-ACK for ${proc}` : 'the kernel answers RST: Connection refused', pkt, reply, COST.hook, dev.name);
  return { at: 'output', ns, pkt: reply };
}

/** UDP: delivered to a listening socket, or answered with ICMP port unreachable. */
function udpLocal(w: Walk, ns: NetNs, dev: Link, pkt: Packet): Pos {
  const l4 = pkt.l4 as Extract<Packet['l4'], { proto: 'udp' }>;
  if (w.leg === 'reply') {
    w.replied = true;
    w.step(ns, 'deliver', `${w.label(ns)} receives the UDP reply from ${pkt.ip.src}:${l4.sport}`, pkt, pkt, COST.hook, dev.name);
    return { at: 'done', outcome: 'delivered' };
  }
  const proc = w.sockets(ns, 'udp', l4.dport);
  if (proc) {
    w.listener = proc;
    w.step(ns, 'deliver', `${proc} receives the UDP datagram on port ${l4.dport} in ${w.label(ns)}`, pkt, pkt, COST.hook, dev.name);
    if (!w.opts.answerUdp) return { at: 'done', outcome: 'delivered' };
    w.leg = 'reply';
    w.nf.newPacket();
    const reply: Packet = { ip: { src: pkt.ip.dst, dst: pkt.ip.src, ttl: 64, proto: 'udp', id: pkt.ip.id + 1, length: pkt.ip.length }, l4: { proto: 'udp', sport: l4.dport, dport: l4.sport }, ...(pkt.dns ? { dns: { ...pkt.dns, response: true } } : {}) };
    w.step(ns, 'udp', `${proc} answers ${pkt.ip.src}:${l4.sport} from port ${l4.dport}`, pkt, reply, COST.hook, dev.name);
    return { at: 'output', ns, pkt: reply };
  }
  w.step(ns, 'deliver', `nothing listens on UDP port ${l4.dport} in ${w.label(ns)}`, pkt, pkt, COST.hook, dev.name);
  if (!w.opts.icmpErrors) return { at: 'done', outcome: 'delivered' };
  return icmpErrorReply(w, ns, dev, pkt, 'port-unreachable');
}
