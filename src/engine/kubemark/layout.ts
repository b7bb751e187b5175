/**
 * Which hollow nodes a scenario has, and their addresses. `cluster.hollowNodes: N` adds
 * hollow-node-1 … hollow-node-N to the scenario's machines: one number instead of N entries, so a
 * 5,000-node link stays short. Their InternalIPs are the node network's next free addresses
 * after the real machines' (in kubemark they are the hollow-node pods' IPs in another cluster;
 * here nothing answers there).
 */
import { dotted, dottedNumber, rangeBounds } from '../net/ip';
import type { Scenario } from '../scenario/types';

export const HOLLOW_NODE_PREFIX = 'hollow-node-';

/** Kubernetes' documented limit: at most 5,000 nodes, hollow ones included. */
export const ENVELOPE_NODES = 5_000;

export interface HollowNode {
  name: string;
  ip: string;
}

export function hollowNodes(s: Pick<Scenario, 'cluster' | 'nodes'>): HollowNode[] {
  const count = s.cluster.hollowNodes ?? 0;
  if (count === 0) return [];
  const used = new Set(s.nodes.map((n) => dottedNumber(n.ip)));
  const [first, last] = rangeBounds(s.cluster.nodeNetwork);
  const out: HollowNode[] = [];
  // From .10 up, as the real machines are laid out; never the network, router or broadcast address.
  for (let a = first + 10; a < last && out.length < count; a++) {
    if (!used.has(a)) out.push({ name: `${HOLLOW_NODE_PREFIX}${out.length + 1}`, ip: dotted(a) });
  }
  return out;
}

/** How many hollow nodes fit in a node network beside `machines` real ones. */
export function hollowRoom(nodeNetwork: string, machines: number): number {
  const [first, last] = rangeBounds(nodeNetwork);
  return Math.max(0, last - first - 10 - machines);
}
