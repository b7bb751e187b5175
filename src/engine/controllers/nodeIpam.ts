/**
 * node-ipam (kube-controller-manager --allocate-node-cidrs): gives each new Node a free /24
 * (--node-cidr-mask-size) of the cluster pod CIDR: the next one after the last it gave, as
 * cidrset's rotating candidate does, so a freed subnet is not handed out again at once.
 */
import type { Node } from '../api/types';
import type { SimContext } from '../sim/context';
import { splitCidr } from '../net/ip';

const ACTOR = 'kube-controller-manager';

export function startNodeIpamController(ctx: SimContext): void {
  const { podCIDR, nodeCIDRMaskSize } = ctx.scenario.cluster;
  const subnets = splitCidr(podCIDR, nodeCIDRMaskSize);
  // The allocator's own record (cidrset): which subnets are taken, by node, and where to look next.
  const used = new Set<string>();
  const byNode = new Map<string, string>();
  let next = 0;
  ctx.api.watch('Node', ACTOR, (type, obj) => {
    const node = obj as Node;
    const name = node.metadata.name;
    if (type === 'DELETED') {
      const had = byNode.get(name);
      if (had) used.delete(had);
      byNode.delete(name);
      return;
    }
    if (node.spec.podCIDR) {
      byNode.set(name, node.spec.podCIDR);
      used.add(node.spec.podCIDR);
      return;
    }
    const fresh = ctx.api.get<Node>('Node', undefined, name);
    if (!fresh || fresh.spec.podCIDR) return;
    let free: string | undefined;
    for (let i = 0; i < subnets.length && !free; i++) {
      const candidate = subnets[(next + i) % subnets.length];
      if (!used.has(candidate)) {
        free = candidate;
        next = (next + i + 1) % subnets.length;
      }
    }
    if (!free) return;
    used.add(free);
    byNode.set(name, free);
    fresh.spec.podCIDR = free;
    fresh.spec.podCIDRs = [free];
    ctx.api.update(fresh, ACTOR);
  });
}
