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

/** node-lifecycle (part): once a node reports Ready, its not-ready taint is lifted. */
export function startNodeLifecycleController(ctx: SimContext): void {
  ctx.api.watch('Node', ACTOR, (type, obj) => {
    const node = obj as Node;
    if (type === 'DELETED') return;
    const ready = node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
    if (!ready || !node.spec.taints?.some((t) => t.key === 'node.kubernetes.io/not-ready')) return;
    const fresh = ctx.api.get<Node>('Node', undefined, node.metadata.name);
    if (!fresh) return;
    fresh.spec.taints = (fresh.spec.taints ?? []).filter((t) => t.key !== 'node.kubernetes.io/not-ready');
    ctx.api.update(fresh, ACTOR);
  });
}
