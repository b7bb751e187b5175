/** The packet walker's output: ordered steps a learner can step through, and the outcome. */
import type { Packet } from './packet';

export interface TraceStep {
  n: number;
  leg: 'request' | 'reply';
  /** The machine (node name, or "router"). */
  host: string;
  /** Network namespace id, and a label a learner recognises ("node-1", "pod default/client"). */
  netns: string;
  nsLabel: string;
  device?: string;
  /** What happened: route, arp, veth, bridge, vxlan-encap, wire, vxlan-decap, filter/FORWARD, deliver ... */
  stage: string;
  summary: string;
  /** The route line, FDB entry or rule that decided this step, in the tool's own syntax. */
  decidedBy?: string;
  before: Packet;
  after: Packet;
  changed: string[];
  /** What the UI highlights: a pod, a node, or the wire between nodes. */
  at: { kind: 'pod' | 'node' | 'segment'; id: string };
  /** Simulated time this hop took, in microseconds. */
  costUs: number;
}

export interface Trace {
  src: string;
  dst: string;
  proto: 'icmp' | 'tcp' | 'udp';
  /** TCP/UDP destination port. */
  port?: number;
  steps: TraceStep[];
  outcome: 'delivered' | 'dropped';
  /** For drops: the reason a learner can act on. */
  reason?: string;
  /** Where the request was delivered and whether the reply made it back. */
  replied: boolean;
  /** TTL of the packet as it arrived back (what ping prints). */
  replyTtl?: number;
  rttUs: number;
  /** TCP: the destination answered with RST (nothing listens there: "Connection refused"). */
  refused?: boolean;
  /** An ICMP error that came back instead (traceroute's time exceeded, port unreachable). */
  icmpError?: { type: 'time-exceeded' | 'port-unreachable' | 'host-unreachable' | 'frag-needed'; from: string; /** frag-needed: the MTU of the hop that refused. */ mtu?: number };
  /** The process that accepted the connection (nginx, kubelet ...). */
  listener?: string;
  /** Remarks beside the outcome (e.g. a NetworkPolicy the pod network does not enforce). */
  notes?: string[];
}
