/**
 * Per-interface capture: every frame the walker sends or receives on a device is kept, with its
 * simulated time, in a bounded ring per network namespace (what `tcpdump -i IFACE` reads back).
 * Kept beside the Network (not in its state) so snapshots and hashes do not change.
 */
import type { Network } from './network';
import type { DnsAnswerSummary, Packet } from './packet';

/** The last frames kept per network namespace: older ones fall out, as a ring buffer. */
export const CAPTURE_LIMIT = 500;

export type Direction = 'In' | 'Out';

export type ArpFrame = { op: 'request' | 'reply'; srcMac: string; dstMac: string; senderIp: string; targetIp: string; /** reply: the MAC that answers. */ lladdr?: string };

export interface Captured {
  /** Global order of capture; a cursor for "since the last tcpdump". */
  seq: number;
  /** Simulated time in microseconds since the simulation began. */
  us: number;
  ifname: string;
  dir: Direction;
  pkt?: Packet;
  arp?: ArpFrame;
  /** The walk (one packet and its answer) that sent it, and the trace step it came before. */
  walk?: number;
  step?: number;
}

/** What capture() is given: the frame, and which walk and step it belongs to. */
export interface CaptureFrame {
  pkt?: Packet;
  arp?: ArpFrame;
  walk?: number;
  step?: number;
}

interface NsCapture {
  frames: Captured[];
  /** Per interface ("any" too): the last seq a tcpdump printed. */
  read: Map<string, number>;
  /** Frames ever captured here: more than the ring holds means older ones fell out. */
  total: number;
}

interface Store {
  seq: number;
  /** Timestamps never go back, even when two commands ran at the same simulated instant. */
  lastUs: number;
  byNs: Map<string, NsCapture>;
  /** Walks so far, and each walk's steps array (the Trace keeps it): which trace a frame belongs to. */
  walks: number;
  walkOf: WeakMap<object, number>;
  /** tcpdump reads so far: each moves a cursor, which replay must reproduce. */
  reads: number;
}

const stores = new WeakMap<Network, Store>();

function store(net: Network): Store {
  let s = stores.get(net);
  if (!s) stores.set(net, (s = { seq: 0, lastUs: 0, byNs: new Map(), walks: 0, walkOf: new WeakMap(), reads: 0 }));
  return s;
}

function nsCapture(net: Network, nsId: string): NsCapture {
  const s = store(net);
  let c = s.byNs.get(nsId);
  if (!c) s.byNs.set(nsId, (c = { frames: [], read: new Map(), total: 0 }));
  return c;
}

/** Records one frame crossing `ifname` in namespace `nsId`. */
export function capture(net: Network, nsId: string, ifname: string, dir: Direction, us: number, frame: CaptureFrame): void {
  const c = nsCapture(net, nsId);
  const s = store(net);
  s.lastUs = Math.max(s.lastUs, us);
  c.total++;
  c.frames.push({
    seq: ++s.seq,
    us: s.lastUs,
    ifname,
    dir,
    ...(frame.pkt ? { pkt: structuredClone(frame.pkt) } : {}),
    ...(frame.arp ? { arp: { ...frame.arp } } : {}),
    ...(frame.walk !== undefined ? { walk: frame.walk, step: frame.step } : {}),
  });
  if (c.frames.length > CAPTURE_LIMIT) c.frames.splice(0, c.frames.length - CAPTURE_LIMIT);
}

/** A new walk begins; `steps` is the array its Trace will hold, so walkOf(trace.steps) finds it later. */
export function beginWalk(net: Network, steps: object): number {
  const s = store(net);
  s.walkOf.set(steps, ++s.walks);
  return s.walks;
}

/** The walk a trace came from (by its steps array), if it was walked on this network. */
export function walkOf(net: Network, steps: object): number | undefined {
  return store(net).walkOf.get(steps);
}

/**
 * Changes whenever a frame is captured or a tcpdump moves its cursor: a command that changed
 * only this (a `watch tcpdump` refresh) still has to stay in the action log to replay the same.
 */
export function captureMark(net: Network): string {
  const s = store(net);
  return `${s.seq}:${s.reads}`;
}

/** How many frames a namespace ever captured (the ring keeps the last CAPTURE_LIMIT). */
export function capturedTotal(net: Network, nsId: string): number {
  return store(net).byNs.get(nsId)?.total ?? 0;
}

/** The latest timestamp captured: a new walk starts after it, so a capture never runs backwards. */
export function captureClock(net: Network): number {
  return store(net).lastUs;
}

/** Every frame still in the ring of a namespace, oldest first. */
export function captured(net: Network, nsId: string): readonly Captured[] {
  return nsCapture(net, nsId).frames;
}

/**
 * The frames on `ifname` ("any": all) not yet shown by an earlier read, and moves the
 * cursor past them (a later tcpdump shows only newer traffic).
 */
export function readSince(net: Network, nsId: string, ifname: string): { frames: Captured[]; since?: number } {
  const c = nsCapture(net, nsId);
  const since = c.read.get(ifname);
  const frames = c.frames.filter((f) => (ifname === 'any' || f.ifname === ifname) && f.seq > (since ?? 0));
  c.read.set(ifname, store(net).seq);
  store(net).reads++;
  return { frames, since };
}

/** Completes the captured copies of a DNS response with the answer the server gave. */
export function annotateDnsAnswer(net: Network, id: number, answer: DnsAnswerSummary): void {
  for (const c of store(net).byNs.values()) {
    for (const f of c.frames) {
      for (let p = f.pkt; p; p = p.inner) if (p.dns?.response && p.dns.id === id && !p.dns.answer) p.dns.answer = answer;
    }
  }
}
