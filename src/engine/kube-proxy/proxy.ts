/**
 * kube-proxy on one node: watches Services and EndpointSlices through the apiserver and,
 * shortly after any change (minSyncPeriod), recomputes and restores the node's rules —
 * iptables chains, or (ipvs mode) IPVS virtual servers, kube-ipvs0's addresses, ipsets and
 * a few fixed iptables rules. Each sync is a message in the control-plane flow.
 */
import type { EndpointSlice, Service } from '../api/types';
import type { SimContext } from '../sim/context';
import type { Node } from '../api/types';
import { applyIpvs, buildIpvs, nodeAddress } from './ipvsMode';
import { applyNftables, buildNftables } from './nftablesMode';
import { buildProxyRules } from './rules';
import { restoreProxyRules } from './restore';

/** kube-proxy's --iptables-min-sync-period default. */
export const MIN_SYNC_MS = 1000;

export class KubeProxy {
  readonly actor: string;
  private pending = false;
  private lastSync = -Infinity;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
    /** config.conf's `mode`, read once when the process starts. */
    readonly mode: 'iptables' | 'ipvs' | 'nftables' = ctx.scenario.cluster.kubeProxyMode ?? 'iptables',
    /** The binary's minor version (from the image tag): ipvs mode's rules changed in 1.27. */
    readonly minor?: number,
  ) {
    this.actor = `kube-proxy/${nodeName}`;
  }

  private unwatch: (() => void)[] = [];

  start(): void {
    this.unwatch = [this.ctx.api.watch('Service', this.actor, () => this.requestSync()), this.ctx.api.watch('EndpointSlice', this.actor, () => this.requestSync())];
    this.requestSync();
  }

  /** The kube-proxy pod stopped: no more syncs; the rules it wrote stay in the kernel. */
  stop(): void {
    for (const u of this.unwatch) u();
    this.unwatch = [];
    this.stopped = true;
  }

  private stopped = false;

  private requestSync(): void {
    if (this.pending) return;
    this.pending = true;
    const wait = Math.max(0, this.lastSync + MIN_SYNC_MS - this.ctx.clock.now);
    this.ctx.clock.schedule(wait, this.actor, () => this.sync());
  }

  /** syncProxyRules: the whole ruleset from the current Services and EndpointSlices. */
  sync(): void {
    this.pending = false;
    if (this.stopped) return;
    this.lastSync = this.ctx.clock.now;
    const services = this.ctx.api.peekAll('Service') as Service[];
    const slices = this.ctx.api.peekAll('EndpointSlice') as EndpointSlice[];
    const ns = this.ctx.net.namespaces.get(this.nodeName);
    if (!ns) return;
    const clusterCIDR = this.ctx.scenario.cluster.podCIDR;
    let n: number;
    if (this.mode === 'nftables') {
      // nftables mode writes only its own table, `ip kube-proxy`; iptables is left alone.
      const nodeIP = nodeAddress(this.ctx.api.peekAll('Node') as Node[], this.nodeName);
      n = applyNftables(ns, buildNftables({ services, slices, clusterCIDR, serviceCIDR: this.ctx.scenario.cluster.serviceCIDR, nodeName: this.nodeName, nodeIP }));
      this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `nftables/${this.nodeName}`, verb: 'nft -f', path: `${n} rules, ${services.length} services` });
      return;
    }
    if (this.mode === 'ipvs') {
      const plan = buildIpvs({ services, slices, clusterCIDR, nodeName: this.nodeName, nodeIP: nodeAddress(this.ctx.api.peekAll('Node') as Node[], this.nodeName), minor: this.minor });
      applyIpvs(this.ctx.net, ns, plan);
      n = restoreProxyRules(ns.iptables, plan.payload);
      this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `ipvs/${this.nodeName}`, verb: 'ipvs sync', path: `${plan.services.length} virtual servers, ${plan.vips.length} addresses on kube-ipvs0` });
    } else n = restoreProxyRules(ns.iptables, buildProxyRules({ services, slices, clusterCIDR, nodeName: this.nodeName }));
    this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `iptables/${this.nodeName}`, verb: 'iptables-restore', path: `${n} rules, ${services.length} services` });
  }
}
