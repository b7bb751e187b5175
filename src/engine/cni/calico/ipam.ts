/**
 * Calico IPAM (calico-ipam): the IPPool default-ipv4-ippool is the cluster's pod CIDR, cut
 * into /26 blocks; a node claims a block (a BlockAffinity) the first time it needs an address
 * and hands out addresses from its own blocks, claiming another block when they are full.
 * Block choice starts at a place derived from the node name, as Calico's random block
 * generator seeded by the host does, so blocks look like 10.244.120.64/26 rather than .0.
 */
import { IPv4, IPv4CidrRange } from 'ip-num';
import { fnv1a32 } from '../../sim/hash';
import type { SimContext } from '../../sim/context';
import { splitCidr } from '../../net/ip';

export const BLOCK_SIZE = 26;
export const POOL_NAME = 'default-ipv4-ippool';

/** What Calico's datastore holds for one node (ipamblocks, blockaffinities, ipamhandles), kept on the host so it is hashed. */
export interface CalicoNodeState {
  /** The node's affine blocks, in claim order. */
  blocks: string[];
  /** IP → handle (k8s-pod-network.<containerId>, ipip-tunnel-addr-<node>). */
  allocations: Record<string, string>;
  /** tunl0's address (the first one the node allocated). */
  tunnelAddr?: string;
  /** calico-node runs (BIRD announces this node's blocks to its peers). */
  running?: boolean;
  /** calico-node's log, newest last. */
  log: string[];
}

export function calicoState(ctx: SimContext, node: string): CalicoNodeState {
  const host = ctx.hosts.get(node)!;
  return (host.calico ??= { blocks: [], allocations: {}, log: [] });
}

/** Every claimed block in the cluster: block → node. */
export function blockAffinities(ctx: SimContext): Map<string, string> {
  const out = new Map<string, string>();
  for (const h of ctx.hosts.values()) for (const b of h.calico?.blocks ?? []) out.set(b, h.name);
  return out;
}

function claimBlock(ctx: SimContext, node: string): string {
  const all = splitCidr(ctx.scenario.cluster.podCIDR, BLOCK_SIZE);
  const taken = blockAffinities(ctx);
  const start = fnv1a32(node) % all.length;
  for (let i = 0; i < all.length; i++) {
    const b = all[(start + i) % all.length];
    if (!taken.has(b)) {
      calicoState(ctx, node).blocks.push(b);
      return b;
    }
  }
  throw new Error(`failed to request IPv4 addresses: no more free affine blocks in IP pool ${POOL_NAME}`);
}

/** Assigns the first free address of the node's blocks to `handle`. */
export function autoAssign(ctx: SimContext, node: string, handle: string): string {
  const st = calicoState(ctx, node);
  const existing = Object.entries(st.allocations).find(([, h]) => h === handle);
  if (existing) return existing[0];
  for (let pass = 0; pass < 2; pass++) {
    for (const b of st.blocks) {
      const r = IPv4CidrRange.fromCidr(b);
      for (let n = r.getFirst().getValue(); n <= r.getLast().getValue(); n++) {
        const ip = IPv4.fromNumber(n).toString();
        if (!st.allocations[ip]) {
          st.allocations[ip] = handle;
          return ip;
        }
      }
    }
    claimBlock(ctx, node);
  }
  throw new Error(`failed to request IPv4 addresses: the affine blocks of ${node} are full`);
}

/** Releases every address held by `handle` (CNI DEL). */
export function releaseByHandle(ctx: SimContext, node: string, handle: string): void {
  const st = calicoState(ctx, node);
  for (const [ip, h] of Object.entries(st.allocations)) if (h === handle) delete st.allocations[ip];
}
