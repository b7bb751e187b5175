// What the kubelet's parts share: its pods, the runtime, daemons, prober, and a timer that a stop cancels.
import type { Pod } from '../api/types';
import { deepCopy } from '../apiserver/copy';
import type { ContainerRuntime, Sandbox } from '../runtime/runtime';
import type { SimContext } from '../sim/context';
import { killContainer, setProbeState } from './containers';
import { DaemonHost } from './daemonHost';
import { Prober } from './probes';

export interface PodEntry {
  sandbox?: Sandbox;
  phase: 'starting' | 'running' | 'terminating';
}

export class KubeletCore {
  readonly actor: string;
  readonly known = new Map<string, PodEntry>();
  active = false;
  /** Bumped on every stop: callbacks scheduled by an earlier run are ignored. */
  epoch = 0;
  /** flanneld, kube-proxy ... run by this node's containers. */
  readonly daemons: DaemonHost;
  /** Startup, liveness and readiness probes of this node's containers. */
  readonly prober: Prober;

  constructor(
    readonly ctx: SimContext,
    readonly nodeName: string,
    readonly runtime: ContainerRuntime,
  ) {
    this.actor = `kubelet/${nodeName}`;
    this.daemons = new DaemonHost(ctx, nodeName);
    this.prober = new Prober({
      ctx,
      nodeName,
      later: (ms, fn) => this.later(ms, fn, true),
      current: (uid) => this.current(uid),
      setState: (uid, name, ready, started) => setProbeState(this, uid, name, ready, started),
      kill: (uid, name) => killContainer(this, uid, name),
    });
  }

  /** Runs `fn` later, unless the kubelet has been stopped (or restarted) in between. */
  later(ms: number, fn: () => void, background = false): void {
    const epoch = this.epoch;
    this.ctx.clock.schedule(ms, this.actor, () => {
      if (this.active && epoch === this.epoch) fn();
    }, background);
  }

  current(uid: string): Pod | undefined {
    const p = this.ctx.api.peekByUid<Pod>('Pod', uid);
    return p ? deepCopy(p) : undefined;
  }
}
