/**
 * BIRD (with confd writing its config from the block affinities): a route per remote IPAM
 * block through the IPIP tunnel to the node that owns it, `proto bird onlink`, and a
 * blackhole for each of this node's own blocks, so an unassigned address of the block is
 * discarded here instead of following the default route.
 */
import type { SimContext } from '../../sim/context';
import { blockAffinities } from './ipam';

/** Reprograms this node's BIRD routes from the current block affinities. */
export function birdSync(ctx: SimContext, node: string): void {
  const ns = ctx.net.ns(node);
  ns.routes = ns.routes.filter((r) => r.proto !== 'bird');
  for (const [block, owner] of blockAffinities(ctx)) {
    if (owner === node) {
      ns.routes.push({ dst: block, dev: '', type: 'blackhole', proto: 'bird' });
      continue;
    }
    // Only a peer whose BIRD runs (calico-node up, tunnel address set) announces its blocks.
    const peer = ctx.hosts.get(owner);
    if (!peer?.calico?.tunnelAddr || !peer.calico.running) continue;
    ns.routes.push({ dst: block, via: peer.ip, dev: 'tunl0', proto: 'bird', onlink: true });
  }
}
