/**
 * The kubelet of one node: registers the Node and its Lease, renews the Lease every 10 s,
 * reports readiness once a CNI config exists, and for every pod bound here asks the runtime
 * (CRI) for a sandbox — whose network the runtime sets up through CNI — then pulls images,
 * runs init containers one by one, starts the app containers and reports status back
 * through the apiserver. A pod marked for deletion is stopped and then removed for good.
 * `systemctl stop kubelet` stops all of that (the containers keep running); on start the
 * kubelet catches up with whatever changed meanwhile.
 */
import type { Pod } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import type { ContainerRuntime } from '../runtime/runtime';
import { ignoresSigterm, killContainer } from './containers';
import type { KubeletControl } from './control';
import { KubeletCore } from './core';
import type { DaemonHost } from './daemonHost';
import { recordEventSafe, registerNode, renewLease, syncNodeStatus, updateReadiness } from './nodeStatus';
import { runContainers } from './podStartup';
import { reportRunning } from './podStatus';
import { createSandbox, removeSandbox } from './sandbox';
import { isMirrorPod, syncStaticPods } from './staticPods';
import { KUBELET_TIMING } from './timing';

export { KUBELET_TIMING } from './timing';
export { microAt } from './nodeStatus';
export { containerStatus, qosClass, RUNNING_POD_CONDITIONS } from './podStatus';

export class Kubelet implements KubeletControl {
  readonly actor: string;
  private readonly core: KubeletCore;
  private registered = false;
  private sinceMs = 0;
  private pidNum = 0;
  /** flanneld, kube-proxy ... run by this node's containers. */
  readonly daemons: DaemonHost;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
    runtime: ContainerRuntime,
  ) {
    this.core = new KubeletCore(ctx, nodeName, runtime);
    this.actor = this.core.actor;
    this.daemons = this.core.daemons;
    // The service exists from the start (systemctl, kubeadm join), running or not.
    (ctx.kubelets ??= new Map()).set(nodeName, this);
  }

  get node(): string {
    return this.nodeName;
  }

  running(): boolean {
    return this.core.active;
  }

  since(): number {
    return this.sinceMs;
  }

  pid(): number {
    return this.pidNum;
  }

  start(): void {
    if (this.core.active) return;
    this.core.active = true;
    this.sinceMs = this.ctx.clock.now;
    this.pidNum = 600 + this.ctx.prng.int(30000);
    const host = this.ctx.hosts.get(this.nodeName)!;
    if (!this.registered) {
      this.registered = true;
      // fieldSelector=spec.nodeName=<this node>: only the pods bound here reach this kubelet.
      this.ctx.api.watch('Pod', this.actor, (type, obj) => this.onPod(type, obj as Pod), { nodeName: this.nodeName });
      // The runtime reports NetworkReady as soon as a CNI config appears (inotify).
      this.ctx.cniConfigWatchers.set(this.nodeName, () => this.core.later(100, () => updateReadiness(this.core)));
    }
    registerNode(this.core, host);
    recordEventSafe(this.ctx, this.nodeName, 'Starting', 'Starting kubelet.');
    renewLease(this.core);
    syncNodeStatus(this.core);
    this.resync();
    syncStaticPods(this.ctx, this.nodeName, this.actor);
  }

  stop(): void {
    if (!this.core.active) return;
    this.core.active = false;
    this.core.epoch++;
    this.sinceMs = this.ctx.clock.now;
    for (const e of this.core.known.values()) if (e.phase === 'terminating') e.phase = 'running';
  }

  reset(): void {
    this.stop();
    for (const [uid, e] of [...this.core.known]) {
      if (e.sandbox) removeSandbox(this.core, e.sandbox);
      this.core.known.delete(uid);
    }
    for (const sb of [...this.core.runtime.sandboxes]) removeSandbox(this.core, sb);
  }

  /** After a (re)start: start what is new, stop what was deleted, re-report what runs. */
  private resync(): void {
    const pods = this.ctx.api.list<Pod>('Pod').filter((p) => p.spec.nodeName === this.nodeName);
    const uids = new Set(pods.map((p) => p.metadata.uid!));
    for (const [uid, e] of [...this.core.known]) {
      if (uids.has(uid)) continue;
      if (e.sandbox) removeSandbox(this.core, e.sandbox);
      this.core.known.delete(uid);
    }
    for (const p of pods) {
      const e = this.core.known.get(p.metadata.uid!);
      if (p.metadata.deletionTimestamp) this.terminate(p);
      else if (!e) this.onPod('ADDED', p);
      else if (e.phase === 'running') reportRunning(this.core, p);
      else if (e.sandbox) runContainers(this.core, p.metadata.uid!, p.spec.initContainers ?? [], 0, true);
      else this.core.later(KUBELET_TIMING.sandbox, () => createSandbox(this.core, p.metadata.uid!));
    }
  }

  private onPod(type: string, pod: Pod): void {
    if (!this.core.active || pod.spec.nodeName !== this.nodeName) return;
    const uid = pod.metadata.uid!;
    if (type === 'DELETED') {
      const k = this.core.known.get(uid);
      if (k?.sandbox) removeSandbox(this.core, k.sandbox);
      this.core.known.delete(uid);
      // A deleted mirror pod is recreated while its manifest is still in staticPodPath.
      if (isMirrorPod(pod)) this.core.later(0, () => syncStaticPods(this.ctx, this.nodeName, this.actor));
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(pod);
      return;
    }
    if (this.core.known.has(uid)) return;
    this.core.known.set(uid, { phase: 'starting' });
    this.core.later(KUBELET_TIMING.sandbox, () => createSandbox(this.core, uid));
  }

  /** Graceful stop: SIGTERM, wait for the containers (a shell that ignores it takes the whole grace period), then the final delete. */
  private terminate(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const e = this.core.known.get(uid);
    if (e?.phase === 'terminating') return;
    const grace = (pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30) * 1000;
    let wait = 0;
    if (e) {
      e.phase = 'terminating';
      for (const c of pod.spec.containers) {
        recordEvent(this.ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet', this.nodeName);
        wait = Math.max(wait, ignoresSigterm(c) ? grace : Math.min(grace, KUBELET_TIMING.stop));
      }
    }
    this.core.later(wait, () => {
      const entry = this.core.known.get(uid);
      if (entry?.sandbox) removeSandbox(this.core, entry.sandbox);
      this.core.known.delete(uid);
      const cur = this.core.current(uid);
      if (cur) this.ctx.api.delete('Pod', cur.metadata.namespace, cur.metadata.name, this.actor, { gracePeriodSeconds: 0 });
    });
  }

  /** A container's process stopped from a terminal (`nginx -s stop`, kubectl attach): see containers.ts. */
  killContainer(uid: string, name: string, code?: number): void {
    killContainer(this.core, uid, name, code);
  }
}
