/**
 * The Capture view's data: the frames one host or pod sent and received (its network
 * namespace's capture ring, see net/capture.ts), one row per frame with the layer it is
 * coloured by, and which trace or terminal probe each frame belongs to. Asked for on demand,
 * never part of a snapshot.
 */
import { CAPTURE_LIMIT, captured, capturedTotal, walkOf, type Captured, type Direction } from '../net/capture';
import type { Packet } from '../net/packet';
import type { NetNs } from '../net/types';
import { payload } from '../shell/tcpdump';
import { SIM_EPOCH_MS } from './time';
import type { Simulation } from './simulation';

/** What a row is coloured by: L2 (ARP), L3 (ICMP), L4 (TCP, UDP, DNS). */
export type CaptureLayer = 'l2' | 'l3' | 'l4';

export interface CaptureHeaders {
  layer: CaptureLayer;
  /** ARP, ICMP, TCP, UDP, DNS; encapsulated: VXLAN or IPIP (the outer packet). */
  proto: string;
  /** Addresses as ip or ip:port; ARP: sender and target IPs. */
  src: string;
  dst: string;
  /** tcpdump's text after the addresses ("ICMP echo request, id 7, seq 0, length 64"). */
  summary: string;
}

export interface CaptureRow extends CaptureHeaders {
  seq: number;
  /** Simulated µs since the simulation began, and as tcpdump prints it (HH:MM:SS.uuuuuu). */
  us: number;
  time: string;
  ifname: string;
  dir: Direction;
  /** An encapsulated packet's inner packet (VXLAN, IP-in-IP): the outer headers are the row's own. */
  inner?: CaptureHeaders;
  /** The walk (trace or terminal probe) that sent it, and the trace step it came before. */
  walk?: number;
  step?: number;
}

export interface CaptureWalk {
  /** "trace": the trace on screen in the Trace panel; "probe": a terminal tool (ping, curl...). */
  kind: 'trace' | 'probe';
  /** ping, curl, wget, nslookup ... (probes); "trace" for the trace panel. */
  tool: string;
  /** The terminal the probe ran in (node or namespace/pod); the trace's source. */
  target: string;
  src: string;
  dst: string;
  outcome: 'delivered' | 'dropped';
}

export interface CaptureView {
  /** The target asked for (a node name, "router", "internet", or namespace/pod). */
  target: string;
  /** The machine and the namespace as a learner names them ("node-1", "pod default/client"). */
  host: string;
  nsLabel: string;
  /** The namespace's interfaces (the interface filter's choices). */
  interfaces: string[];
  /** Oldest first: the last CAPTURE_LIMIT frames. */
  rows: CaptureRow[];
  limit: number;
  /** Frames ever captured here; more than rows.length means the oldest fell out of the ring. */
  total: number;
  /** The walks the rows belong to, by walk number (only those still known). */
  walks: Record<number, CaptureWalk>;
  /** The walk the Trace panel's trace came from, if it is in this log. */
  traceWalk?: number;
}

function timestamp(us: number): string {
  const d = new Date(SIM_EPOCH_MS + Math.floor(us / 1000));
  const p = (n: number, w = 2): string => String(n).padStart(w, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds(), 3)}${p(us % 1000, 3)}`;
}

function headers(p: Packet): CaptureHeaders {
  const l4 = p.l4;
  const port = (ip: string, n: number | undefined): string => (n === undefined ? ip : `${ip}:${n}`);
  const src = port(p.ip.src, l4.proto === 'icmp' ? undefined : l4.sport);
  const dst = port(p.ip.dst, l4.proto === 'icmp' ? undefined : l4.dport);
  if (p.ipip) return { layer: 'l3', proto: 'IPIP', src: p.ip.src, dst: p.ip.dst, summary: `IP-in-IP (protocol 4), length ${p.ip.length}` };
  if (p.vxlan) return { layer: 'l4', proto: 'VXLAN', src, dst, summary: payload(p) };
  if (l4.proto === 'icmp') return { layer: 'l3', proto: 'ICMP', src, dst, summary: payload(p) };
  const proto = p.dns && (l4.dport === 53 || l4.sport === 53) ? 'DNS' : l4.proto.toUpperCase();
  return { layer: 'l4', proto, src, dst, summary: payload(p) };
}

function row(f: Captured): CaptureRow {
  const base = { seq: f.seq, us: f.us, time: timestamp(f.us), ifname: f.ifname, dir: f.dir, walk: f.walk, step: f.step };
  if (f.arp) {
    const a = f.arp;
    const summary = a.op === 'request' ? `Request who-has ${a.targetIp} tell ${a.senderIp}, length 28` : `Reply ${a.senderIp} is-at ${a.lladdr}, length 28`;
    return { ...base, layer: 'l2', proto: 'ARP', src: a.senderIp, dst: a.targetIp, summary };
  }
  const p = f.pkt!;
  return { ...base, ...headers(p), ...(p.inner && (p.vxlan || p.ipip) ? { inner: headers(p.inner) } : {}) };
}

/** The namespace a capture target names: a machine's root namespace, or a pod's. */
function targetNs(sim: Simulation, target: string): NetNs {
  const net = sim.ctx.net;
  const ns = net.namespaces.get(target) ?? (target.includes('/') ? sim.podNetns(target) : undefined);
  if (!ns) throw new Error(`no machine or running pod named "${target}" (pods are written namespace/name)`);
  return ns;
}

/** The Capture view of one machine or pod. */
export function captureView(sim: Simulation, target: string): CaptureView {
  const net = sim.ctx.net;
  const ns = targetNs(sim, target);
  const rows = captured(net, ns.id).map(row);
  const walks: Record<number, CaptureWalk> = {};
  const known = new Set(rows.map((r) => r.walk));
  const add = (trace: { steps: object; src: string; dst: string; outcome: 'delivered' | 'dropped' }, kind: CaptureWalk['kind'], tool: string, from: string): number | undefined => {
    const w = walkOf(net, trace.steps);
    if (w !== undefined && known.has(w)) walks[w] = { kind, tool, target: from, src: trace.src, dst: trace.dst, outcome: trace.outcome };
    return w;
  };
  for (const p of sim.probes) add(p.trace, 'probe', p.tool, p.target);
  const last = sim.lastTrace;
  const traced = [...sim.actions].reverse().find((a) => a.type === 'trace');
  const lastWalk = last ? add(last, 'trace', 'trace', traced?.type === 'trace' ? traced.from : last.src) : undefined;
  return {
    target,
    host: ns.host,
    nsLabel: ns.kind === 'pod' ? `pod ${ns.pod}` : ns.kind === 'netns' ? `netns ${ns.name} on ${ns.host}` : ns.host,
    interfaces: ns.links.map((l) => l.name),
    rows,
    limit: CAPTURE_LIMIT,
    total: capturedTotal(net, ns.id),
    walks,
    traceWalk: lastWalk !== undefined && known.has(lastWalk) ? lastWalk : undefined,
  };
}

/** The trace of a walk still known (the trace panel's, or a terminal probe's), to show it in the Trace panel. */
export function walkTrace(sim: Simulation, walk: number): { trace: Simulation['lastTrace']; from: string; to: string } | undefined {
  const net = sim.ctx.net;
  if (sim.lastTrace && walkOf(net, sim.lastTrace.steps) === walk) return { trace: sim.lastTrace, from: sim.lastTrace.src, to: sim.lastTrace.dst };
  const p = sim.probes.find((x) => walkOf(net, x.trace.steps) === walk);
  return p ? { trace: p.trace, from: p.target, to: p.trace.dst } : undefined;
}
