// One walk's mutable state and the trace-step, capture and drop builders every stage uses.
import type { Prng } from '../../sim/prng';
import { beginWalk, capture, captureClock, type ArpFrame, type Direction } from '../capture';
import { Netfilter } from '../netfilter';
import type { Network } from '../network';
import { changedFields, type Packet } from '../packet';
import type { Trace, TraceStep } from '../trace';
import type { Link, NetNs } from '../types';
import { clone, COST, type Pos, type SocketLookup, type WalkOptions } from './types';

export class Walk {
  steps: TraceStep[] = [];
  leg: 'request' | 'reply' = 'request';
  replied = false;
  replyTtl?: number;
  readonly nf: Netfilter;

  refused = false;
  icmpError?: Trace['icmpError'];
  /** The bridge port a frame came in on before it went up to the bridge's IP stack. */
  bridgeIngress?: { ns: string; br: string; port: string };
  /** Set when br_netfilter's PREROUTING rewrote the destination: a frame sent back out of that same port needs hairpin. */
  hairpinFrom?: { ns: string; br: string; port: string };
  listener?: string;
  dropReason = '';
  rejected?: { ns: NetNs; pkt: Packet; dev: Link };

  /** This walk's number in the capture log (the Capture view links a frame to its trace). */
  private walkId = 0;

  /** When this walk's first frame is captured, in µs: several walks at one simulated instant follow each other. */
  private capStartUs = 0;

  opts: WalkOptions = { answerEcho: true };

  constructor(
    readonly net: Network,
    prng: Prng,
    readonly now: () => number,
    readonly sockets: SocketLookup,
  ) {
    this.nf = new Netfilter(prng, now);
  }

  /** Starts a new walk: the previous walk's state is cleared. */
  begin(opts: WalkOptions): void {
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
  }

  label(ns: NetNs): string {
    if (ns.kind === 'pod') return `pod ${ns.pod}`;
    if (ns.kind === 'netns') return `netns ${ns.name} on ${ns.host}`;
    return ns.host;
  }

  at(ns: NetNs): TraceStep['at'] {
    return ns.kind === 'pod' ? { kind: 'pod', id: ns.pod! } : { kind: 'node', id: ns.host };
  }

  step(ns: NetNs, stage: string, summary: string, before: Packet, after: Packet, costUs: number, device?: string, decidedBy?: string, at?: TraceStep['at']): void {
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
  cap(ns: NetNs, dev: Link, dir: Direction, frame: { pkt?: Packet; arp?: ArpFrame }, laterUs = 0): void {
    capture(this.net, ns.id, dev.name, dir, this.capStartUs + this.steps.reduce((s, x) => s + x.costUs, 0) + laterUs, { ...frame, walk: this.walkId, step: this.steps.length });
  }

  drop(ns: NetNs, stage: string, reason: string, pkt: Packet, device?: string, decidedBy?: string): Pos {
    this.step(ns, stage, `dropped: ${reason}`, pkt, pkt, COST.hook, device, decidedBy);
    return { at: 'done', outcome: 'dropped', reason };
  }
}
