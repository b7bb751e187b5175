/**
 * node-ipam (kube-controller-manager --allocate-node-cidrs): gives each new Node the next
 * free /24 (--node-cidr-mask-size) of the cluster pod CIDR, in order of registration.
 */
import type { Node } from '../api/types';
import type { SimContext } from '../sim/context';
import { splitCidr } from '../net/ip';

const ACTOR = 'kube-controller-manager';

export function startNodeIpamController(ctx: SimContext): void {
  const { podCIDR, nodeCIDRMaskSize } = ctx.scenario.cluster;
  const subnets = splitCidr(podCIDR, nodeCIDRMaskSize);
  ctx.api.watch('Node', ACTOR, (type, obj) => {
    const node = obj as Node;
    if (type === 'DELETED' || node.spec.podCIDR) return;
    const fresh = ctx.api.get<Node>('Node', undefined, node.metadata.name);
    if (!fresh || fresh.spec.podCIDR) return;
    const used = new Set((ctx.api.peekAll('Node') as Node[]).map((n) => n.spec.podCIDR).filter(Boolean));
    const free = subnets.find((s) => !used.has(s));
    if (!free) return;
    fresh.spec.podCIDR = free;
    fresh.spec.podCIDRs = [free];
    ctx.api.update(fresh, ACTOR);
  });
}
