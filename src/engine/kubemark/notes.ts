/**
 * What a trace cannot show by itself: that an address it went for belongs to a Kubemark hollow
 * node, where nothing answers (no machine, no pod network namespace, and no flanneld announcing
 * the node's subnet, so the real nodes have no route to it).
 */
import type { Node } from '../api/types';
import type { Trace } from '../net/trace';
import { cidrContains } from '../net/ip';
import type { SimContext } from '../sim/context';

export function hollowTraceNotes(ctx: SimContext, t: Trace): string[] {
  if (!ctx.hollow || ctx.hollow.size === 0 || t.replied) return [];
  // The destination, and where DNAT sent it (a Service endpoint on a hollow node).
  const ips = new Set([t.dst]);
  for (const s of t.steps) if (/DNAT/.test(s.summary)) for (const ip of s.summary.match(/\b\d+\.\d+\.\d+\.\d+\b/g) ?? []) ips.add(ip);
  const notes: string[] = [];
  for (const ip of ips) {
    for (const name of ctx.hollow.keys()) {
      const node = ctx.api.peek<Node>('Node', undefined, name);
      if (!node) continue;
      if (node.status?.addresses?.some((a) => a.address === ip)) {
        notes.push(`${ip} is the InternalIP of ${name}, a Kubemark hollow node: no machine answers there.`);
      } else if (node.spec.podCIDR && cidrContains(node.spec.podCIDR, ip)) {
        const pod = ctx.api.peekPodsOn(name).find((p) => p.status?.podIP === ip);
        const who = pod ? `pod ${pod.metadata.namespace}/${pod.metadata.name}` : 'an address';
        notes.push(`${ip} is ${who} on ${name}, a Kubemark hollow node (podCIDR ${node.spec.podCIDR}): its containers are fakes with no network namespace, and no flanneld announced the subnet, so the real nodes have no route to it.`);
      } else continue;
      break;
    }
  }
  return notes;
}
