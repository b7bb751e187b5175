/**
 * The packet walker. It moves one packet through the model the way Linux would — output
 * routing, netfilter hooks, neighbour resolution, device semantics (veth, bridge, VXLAN, NIC
 * on a segment), the receive path — and records every hop as a TraceStep. An ICMP echo
 * request that arrives is answered, and the reply walks back the same way.
 */
import type { Prng } from '../sim/prng';
import type { Network } from './network';
import type { Packet } from './packet';
import type { Trace } from './trace';
import type { NetNs } from './types';
import { l2In, l2Out } from './walk/device';
import { local } from './walk/deliver';
import { xmit } from './walk/neighbour';
import { output } from './walk/output';
import { ipIn } from './walk/receive';
import { Walk } from './walk/state';
import { clone, type Pos, type SocketLookup, type WalkOptions } from './walk/types';

export type { SocketLookup, WalkOptions } from './walk/types';

// A backstop only: TTL ends real loops first (64 routers × a few steps each).
const MAX_HOPS = 2000;

export class PacketWalker {
  private readonly w: Walk;

  constructor(net: Network, prng: Prng, now: () => number, sockets: SocketLookup = () => undefined) {
    this.w = new Walk(net, prng, now, sockets);
  }

  walk(srcNs: NetNs, pkt: Packet, opts: WalkOptions = { answerEcho: true }): Trace {
    const w = this.w;
    w.begin(opts);
    let pos: Pos = { at: 'output', ns: srcNs, pkt: clone(pkt) };
    let hops = 0;
    while (pos.at !== 'done') {
      if (++hops > MAX_HOPS) {
        pos = { at: 'done', outcome: 'dropped', reason: `the packet looped: more than ${MAX_HOPS} hops (a routing loop)` };
        break;
      }
      pos = advance(w, pos, opts);
    }
    const delivered = pos.outcome === 'delivered';
    return {
      // The source address is chosen by the first routing decision.
      src: w.steps[0]?.after.ip.src || pkt.ip.src,
      dst: pkt.ip.dst,
      proto: pkt.l4.proto,
      port: pkt.l4.proto === 'icmp' ? undefined : pkt.l4.dport,
      steps: w.steps,
      outcome: delivered ? 'delivered' : 'dropped',
      reason: pos.reason,
      replied: w.replied,
      replyTtl: w.replyTtl,
      rttUs: w.steps.reduce((s, x) => s + x.costUs, 0),
      refused: w.refused || undefined,
      icmpError: w.icmpError,
      listener: w.listener,
    };
  }
}

/** One stage of the walk: the packet's position says which part of the kernel handles it next. */
function advance(w: Walk, pos: Exclude<Pos, { at: 'done' }>, opts: WalkOptions): Pos {
  switch (pos.at) {
    case 'output':
      return output(w, pos.ns, pos.pkt);
    case 'xmit':
      return xmit(w, pos.ns, pos.dev, pos.pkt, pos.nexthop, pos.fwd);
    case 'l2-out':
      return l2Out(w, pos.ns, pos.dev, pos.pkt);
    case 'l2-in':
      return l2In(w, pos.ns, pos.dev, pos.pkt);
    case 'ip-in':
      return ipIn(w, pos.ns, pos.dev, pos.pkt);
    case 'local':
      return local(w, pos.ns, pos.dev, pos.pkt, opts);
  }
}
