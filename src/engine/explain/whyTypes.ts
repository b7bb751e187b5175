/** What the "Why?" explanations are made of: the cause, its evidence, and the smallest fix. */
import type { Action } from '../scenario/types';

export type CauseKind =
  | 'chain-policy'
  | 'rule'
  | 'no-route'
  | 'no-masquerade'
  | 'flannel-public-ip'
  | 'clusterip-icmp'
  | 'no-endpoints'
  | 'network-policy'
  | 'dns'
  | 'unschedulable'
  | 'other';

/** What the explanation is about. */
export type WhySubject =
  | { kind: 'trace'; from: string; to: string; proto?: 'icmp' | 'tcp' | 'udp'; port?: number }
  | { kind: 'pod'; pod: string; peer?: string }
  | { kind: 'service'; service: string }
  /** A name looked up from a pod (what nslookup / curl would resolve). */
  | { kind: 'dns'; from: string; name: string };

/** One result, as the before/after columns show it. */
export interface WhyOutcome {
  ok: boolean;
  text: string;
  decidedBy?: string;
}

export interface WhyFix {
  /** One line: what the fix changes. */
  summary: string;
  /** The commands a learner would type (exec), manifests they would apply, and waits. */
  actions: Action[];
  /** Other fixes that would also work, as commands. */
  alternatives?: string[];
}

export interface WhyNot {
  subject: WhySubject;
  /** Whether there is anything to explain (a delivered trace, a running pod: no). */
  failed: boolean;
  kind?: CauseKind;
  /** The one thing that decided it, as a sentence. */
  cause: string;
  /** The evidence in the tool's own syntax, and the command that shows it. */
  evidence?: { target: string; command: string; line: string };
  /** Details a learner can check (nodes a filter rejected, labels that exist ...). */
  details?: string[];
  fix?: WhyFix;
  /** Why no fix is offered (the behaviour is correct, or none was found). */
  noFix?: string;
  before: WhyOutcome;
  /** For a Running pod: what its placement means for its packets. */
  placement?: Placement;
}

export interface Placement {
  pod: string;
  node: string;
  podIP: string;
  podCIDR?: string;
  /** Calico hands out addresses from its own IPAM blocks (a /26 per node), not the node's podCIDR. */
  ipamBlock?: boolean;
  /** On each other node: the route to this pod's subnet, in `ip route` syntax. */
  routes: { node: string; route: string }[];
  /** How a packet from a peer pod gets here. */
  peer?: { pod: string; node: string; path: 'bridge' | 'vxlan' | 'ipip' | 'host-gw' | 'route' | 'same-pod'; device?: string; line: string };
}

export interface TryFixResult {
  before: WhyOutcome;
  after: WhyOutcome;
  /** The copy's trace after the fix (trace subjects). */
  afterSteps?: string[];
  /** The live state's hash before and after: they must be equal. */
  liveHash: string;
  liveHashAfter: string;
}
