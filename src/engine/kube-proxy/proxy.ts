/**
 * kube-proxy on one node (iptables mode): watches Services and EndpointSlices through the
 * apiserver and, shortly after any change (minSyncPeriod), recomputes and restores the
 * node's rules. Each sync is a message in the control-plane flow.
 */
import type { EndpointSlice, Service } from '../api/types';
import type { SimContext } from '../sim/context';
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
    const payload = buildProxyRules({ services, slices, clusterCIDR: this.ctx.scenario.cluster.podCIDR, nodeName: this.nodeName });
    const ns = this.ctx.net.namespaces.get(this.nodeName);
    if (!ns) return;
    const n = restoreProxyRules(ns.iptables, payload);
    this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `iptables/${this.nodeName}`, verb: 'iptables-restore', path: `${n} rules, ${services.length} services` });
  }
}
