/**
 * The kubelet of one node: registers the Node and its Lease, renews the Lease every 10 s,
 * reports readiness once a CNI config exists, and for every pod bound here asks the runtime
 * (CRI) for a sandbox — whose network the runtime sets up through CNI — then pulls images,
 * runs init containers one by one, starts the app containers and reports status back
 * through the apiserver. A pod marked for deletion is stopped and then removed for good.
 * `systemctl stop kubelet` stops all of that (the containers keep running); on start the
 * kubelet catches up with whatever changed meanwhile.
 */
import type { Container, ContainerStatus, Lease, Node, Pod, PodCondition } from '../api/types';
import { backoffMs, containerProgram } from './program';
import { ApiError } from '../apiserver/errors';
import { deepCopy } from '../apiserver/copy';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import type { ContainerRuntime, Sandbox } from '../runtime/runtime';
import { normaliseImage } from '../runtime/runtime';
import { cniAdd, cniDel } from '../cni/invoke';
import { nodeLease, nodeObject, readyNodeConditions } from './nodeObject';
import { imageDigest, imageSize } from '../runtime/images';
import type { KubeletControl } from './control';
import { DaemonHost } from './daemonHost';
import { isMirrorPod, syncStaticPods } from './staticPods';
import { Prober } from './probes';
import { bindFailureLog, portConflict } from './ports';
import { resetContainerLayer } from './volumes';

/** Simulated durations (ms) of the steps a real kubelet/runtime takes. */
export const KUBELET_TIMING = { sandbox: 400, imagePull: 2200, create: 150, start: 200, initRun: 1000, statusSync: 10_000, cniRetry: 5_000, leaseRenew: 10_000, stop: 300 };

/** A running pod's conditions, in the order the kubelet reports them. */
export const RUNNING_POD_CONDITIONS = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const;

interface PodEntry {
  sandbox?: Sandbox;
  phase: 'starting' | 'running' | 'terminating';
}

/** metav1.MicroTime, as Leases carry it: 2026-01-05T09:00:10.000000Z. */
export function microAt(ms: number): string {
  return isoAt(ms).replace(/Z$/, `.${String(ms % 1000).padStart(3, '0')}000Z`);
}

export class Kubelet implements KubeletControl {
  readonly actor: string;
  private known = new Map<string, PodEntry>();
  private active = false;
  private registered = false;
  private sinceMs = 0;
  private pidNum = 0;
  /** Bumped on every stop: callbacks scheduled by an earlier run are ignored. */
  private epoch = 0;
  /** flanneld, kube-proxy ... run by this node's containers. */
  readonly daemons: DaemonHost;
  /** Startup, liveness and readiness probes of this node's containers. */
  private readonly prober: Prober;

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
    private readonly runtime: ContainerRuntime,
  ) {
    this.actor = `kubelet/${nodeName}`;
    this.daemons = new DaemonHost(ctx, nodeName);
    this.prober = new Prober({
      ctx,
      nodeName,
      later: (ms, fn) => this.later(ms, fn, true),
      current: (uid) => this.current(uid),
      setState: (uid, name, ready, started) => this.setProbeState(uid, name, ready, started),
      kill: (uid, name) => this.killContainer(uid, name),
    });
    // The service exists from the start (systemctl, kubeadm join), running or not.
    (ctx.kubelets ??= new Map()).set(nodeName, this);
  }

  get node(): string {
    return this.nodeName;
  }

  running(): boolean {
    return this.active;
  }

  since(): number {
    return this.sinceMs;
  }

  pid(): number {
    return this.pidNum;
  }

  /** Runs `fn` later, unless the kubelet has been stopped (or restarted) in between. */
  private later(ms: number, fn: () => void, background = false): void {
    const epoch = this.epoch;
    this.ctx.clock.schedule(ms, this.actor, () => {
      if (this.active && epoch === this.epoch) fn();
    }, background);
  }

  start(): void {
    if (this.active) return;
    this.active = true;
    this.sinceMs = this.ctx.clock.now;
    this.pidNum = 600 + this.ctx.prng.int(30000);
    const host = this.ctx.hosts.get(this.nodeName)!;
    if (!this.registered) {
      this.registered = true;
      // fieldSelector=spec.nodeName=<this node>: only the pods bound here reach this kubelet.
      this.ctx.api.watch('Pod', this.actor, (type, obj) => this.onPod(type, obj as Pod), { nodeName: this.nodeName });
      // The runtime reports NetworkReady as soon as a CNI config appears (inotify).
      this.ctx.cniConfigWatchers.set(this.nodeName, () => this.later(100, () => this.updateReadiness()));
    }
    this.register(host);
    recordEventSafe(this.ctx, this.nodeName, 'Starting', 'Starting kubelet.');
    this.renewLease();
    this.syncNodeStatus();
    this.resync();
    syncStaticPods(this.ctx, this.nodeName, this.actor);
  }

  stop(): void {
    if (!this.active) return;
    this.active = false;
    this.epoch++;
    this.sinceMs = this.ctx.clock.now;
    for (const e of this.known.values()) if (e.phase === 'terminating') e.phase = 'running';
  }

  reset(): void {
    this.stop();
    for (const [uid, e] of [...this.known]) {
      if (e.sandbox) this.removeSandbox(e.sandbox);
      this.known.delete(uid);
    }
    for (const sb of [...this.runtime.sandboxes]) this.removeSandbox(sb);
  }

  private register(host: ReturnType<SimContext['hosts']['get']> & object): void {
    const now = isoAt(this.ctx.clock.now);
    writeKubeletFiles(this.ctx, host);
    try {
      this.ctx.api.create(nodeObject(host, this.ctx.scenario.cluster.kubernetesVersion, now), this.actor);
    } catch (e) {
      if (!(e instanceof ApiError && e.reason === 'AlreadyExists')) throw e;
    }
    if (!this.ctx.api.get('Lease', 'kube-node-lease', this.nodeName)) {
      const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName)!;
      this.ctx.api.create(nodeLease(this.nodeName, node.metadata.uid!, microAt(this.ctx.clock.now)), this.actor);
    }
  }

  /** The node lease heartbeat (every 10 s): housekeeping, so it runs in the background. */
  private renewLease(): void {
    const lease = this.ctx.api.get<Lease>('Lease', 'kube-node-lease', this.nodeName);
    if (lease) {
      lease.spec.renewTime = microAt(this.ctx.clock.now);
      lease.spec.holderIdentity = this.nodeName;
      this.ctx.api.update(lease, this.actor);
    }
    this.later(KUBELET_TIMING.leaseRenew, () => this.renewLease(), true);
  }

  /** The periodic node status update (nodeStatusUpdateFrequency, 10 s): housekeeping. */
  private syncNodeStatus(): void {
    this.updateReadiness();
    // The kubelet also re-reads staticPodPath (fileCheckFrequency): a moved manifest stops its pod.
    syncStaticPods(this.ctx, this.nodeName, this.actor);
    this.later(KUBELET_TIMING.statusSync, () => this.syncNodeStatus(), true);
  }

  /** Node status: Ready once the network plugin is initialised (a CNI config exists). */
  private updateReadiness(): void {
    const host = this.ctx.hosts.get(this.nodeName)!;
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    if (!node) return;
    const cniReady = Object.keys(host.files).some((p) => p.startsWith('/etc/cni/net.d/'));
    const now = isoAt(this.ctx.clock.now);
    const conds = node.status?.conditions ?? [];
    const ready = conds.find((c) => c.type === 'Ready');
    const pressureStale = conds.some((c) => c.type !== 'Ready' && c.status !== 'False');
    if (cniReady && ready && (ready.status !== 'True' || pressureStale)) {
      node.status!.conditions = readyNodeConditions(now);
      this.ctx.api.update(node, this.actor, 'status');
      recordEvent(this.ctx, node, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`, 'kubelet', this.nodeName);
    } else if (!cniReady && ready?.status === 'Unknown') {
      ready.status = 'False';
      ready.reason = 'KubeletNotReady';
      ready.message = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';
      ready.lastHeartbeatTime = now;
      ready.lastTransitionTime = now;
      this.ctx.api.update(node, this.actor, 'status');
    }
  }

  /** After a (re)start: start what is new, stop what was deleted, re-report what runs. */
  private resync(): void {
    const pods = this.ctx.api.list<Pod>('Pod').filter((p) => p.spec.nodeName === this.nodeName);
    const uids = new Set(pods.map((p) => p.metadata.uid!));
    for (const [uid, e] of [...this.known]) {
      if (uids.has(uid)) continue;
      if (e.sandbox) this.removeSandbox(e.sandbox);
      this.known.delete(uid);
    }
    for (const p of pods) {
      const e = this.known.get(p.metadata.uid!);
      if (p.metadata.deletionTimestamp) this.terminate(p);
      else if (!e) this.onPod('ADDED', p);
      else if (e.phase === 'running') this.reportRunning(p);
      else if (e.sandbox) this.runContainers(p.metadata.uid!, p.spec.initContainers ?? [], 0, true);
      else this.later(KUBELET_TIMING.sandbox, () => this.createSandbox(p.metadata.uid!));
    }
  }

  private onPod(type: string, pod: Pod): void {
    if (!this.active || pod.spec.nodeName !== this.nodeName) return;
    const uid = pod.metadata.uid!;
    if (type === 'DELETED') {
      const k = this.known.get(uid);
      if (k?.sandbox) this.removeSandbox(k.sandbox);
      this.known.delete(uid);
      // A deleted mirror pod is recreated while its manifest is still in staticPodPath.
      if (isMirrorPod(pod)) this.later(0, () => syncStaticPods(this.ctx, this.nodeName, this.actor));
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(pod);
      return;
    }
    if (this.known.has(uid)) return;
    this.known.set(uid, { phase: 'starting' });
    this.later(KUBELET_TIMING.sandbox, () => this.createSandbox(uid));
  }

  private removeSandbox(sb: Sandbox): void {
    this.daemons.podGone(sb.podUid);
    this.prober.podGone(sb.podUid);
    if (this.ctx.net.namespaces.has(sb.netns)) cniDel(this.ctx, this.nodeName, sb);
    this.runtime.removeSandbox(sb.id);
  }

  /** Graceful stop: SIGTERM, wait for the containers (a shell that ignores it takes the whole grace period), then the final delete. */
  private terminate(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const e = this.known.get(uid);
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
    this.later(wait, () => {
      const entry = this.known.get(uid);
      if (entry?.sandbox) this.removeSandbox(entry.sandbox);
      this.known.delete(uid);
      const cur = this.current(uid);
      if (cur) this.ctx.api.delete('Pod', cur.metadata.namespace, cur.metadata.name, this.actor, { gracePeriodSeconds: 0 });
    });
  }

  private current(uid: string): Pod | undefined {
    const p = this.ctx.api.peekByUid<Pod>('Pod', uid);
    return p ? deepCopy(p) : undefined;
  }

  private createSandbox(uid: string): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || !entry || entry.phase !== 'starting' || pod.metadata.deletionTimestamp) return;
    this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `${this.runtime.kind}/${this.nodeName}`, verb: 'CRI RunPodSandbox', path: `${pod.metadata.namespace}/${pod.metadata.name}` });
    const sb = this.runtime.newSandbox(uid, pod.metadata.namespace!, pod.metadata.name, this.ctx.clock.now);
    if (pod.spec.hostNetwork) {
      sb.ip = this.ctx.hosts.get(this.nodeName)!.ip;
      sb.state = 'SANDBOX_READY';
      entry.sandbox = sb;
    } else {
      this.ctx.net.addNamespace(sb.netns, this.nodeName, 'pod', `${pod.metadata.namespace}/${pod.metadata.name}`);
      try {
        const result = cniAdd(this.ctx, this.nodeName, sb);
        sb.ip = result.ips[0].address.split('/')[0];
        sb.state = 'SANDBOX_READY';
        entry.sandbox = sb;
      } catch (e) {
        this.ctx.net.removeNamespace(sb.netns);
        this.runtime.removeSandbox(sb.id);
        const msg = `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox "${sb.id.slice(0, 64)}": plugin type="flannel" failed (add): ${(e as Error).message}`;
        recordEvent(this.ctx, pod, 'Warning', 'FailedCreatePodSandBox', msg, 'kubelet', this.nodeName);
        // Retries are housekeeping: they must not keep `settle()` spinning while CNI is broken.
        this.later(KUBELET_TIMING.cniRetry, () => this.createSandbox(uid), true);
        return;
      }
    }
    this.setStatus(pod, (s) => {
      s.podIP = sb.ip;
      s.podIPs = [{ ip: sb.ip! }];
    });
    this.runContainers(uid, pod.spec.initContainers ?? [], 0, true);
  }

  /** Pulls (if needed), creates and starts containers; init containers run one at a time. */
  private runContainers(uid: string, list: Container[], index: number, init: boolean): void {
    const pod = this.current(uid);
    if (!pod || this.known.get(uid)?.phase !== 'starting') return;
    if (init && index >= list.length) {
      this.runContainers(uid, pod.spec.containers, 0, false);
      return;
    }
    if (!init) {
      // App containers start in parallel: pull all, then start all.
      let delay = 0;
      for (const c of list) delay = Math.max(delay, this.pull(pod, c));
      this.later(delay + KUBELET_TIMING.create + KUBELET_TIMING.start, () => this.startApp(uid));
      return;
    }
    const c = list[index];
    const delay = this.pull(pod, c);
    this.later(delay + KUBELET_TIMING.create + KUBELET_TIMING.start + KUBELET_TIMING.initRun, () => {
      const p = this.current(uid);
      if (!p || this.known.get(uid)?.phase !== 'starting') return;
      this.startEvents(p, c, 'CONTAINER_EXITED');
      this.daemons.initDone(p, c);
      this.setStatus(p, (s) => {
        s.initContainerStatuses = (p.spec.initContainers ?? []).map((ic, i) => containerStatus(ic, i <= index ? 'terminated' : 'waiting', this.ctx.clock.now, i <= index ? 'Completed' : 'PodInitializing'));
      });
      this.runContainers(uid, list, index + 1, true);
    });
  }

  /** Returns how long the pull takes (0 when the image is already on the node). */
  private pull(pod: Pod, c: Container): number {
    if (this.runtime.hasImage(c.image)) {
      recordEvent(this.ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet', this.nodeName);
      return 0;
    }
    recordEvent(this.ctx, pod, 'Normal', 'Pulling', `Pulling image "${c.image}"`, 'kubelet', this.nodeName);
    this.runtime.addImage(c.image);
    const secs = (KUBELET_TIMING.imagePull / 1000).toFixed(1);
    this.later(KUBELET_TIMING.imagePull, () => {
      const p = this.current(pod.metadata.uid!);
      if (p) recordEvent(this.ctx, p, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting). Image size: ${imageSize(c.image)} bytes.`, 'kubelet', this.nodeName);
    });
    return KUBELET_TIMING.imagePull;
  }

  private startEvents(pod: Pod, c: Container, state: 'CONTAINER_RUNNING' | 'CONTAINER_EXITED' = 'CONTAINER_RUNNING', attempt = 0): void {
    const sb = this.known.get(pod.metadata.uid!)?.sandbox;
    if (sb) this.runtime.addContainer(sb.id, c.name, c.image, this.ctx.clock.now, attempt).state = state;
    recordEvent(this.ctx, pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', this.nodeName);
    recordEvent(this.ctx, pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', this.nodeName);
  }

  private startApp(uid: string): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || !entry || entry.phase !== 'starting') return;
    for (const c of pod.spec.containers) this.startEvents(pod, c);
    for (const c of pod.spec.containers) this.startDaemon(pod, c, 0);
    entry.phase = 'running';
    for (const c of pod.spec.containers) this.prober.start(pod, c);
    this.reportRunning(pod);
    for (const c of pod.spec.containers) this.watchProcess(uid, c, 0);
    // One network namespace for the whole pod: a second server on a taken port fails to bind.
    for (const c of pod.spec.containers) this.checkBind(pod, c, 0);
  }

  /** A container whose server cannot bind its port exits with 1 after the server's retries. */
  private checkBind(pod: Pod, c: Container, restarts: number): void {
    const uid = pod.metadata.uid!;
    const sbId = this.known.get(uid)?.sandbox?.id;
    const running = (name: string): boolean => this.runtime.containers.some((x) => x.sandboxId === sbId && x.name === name && x.state === 'CONTAINER_RUNNING');
    const clash = portConflict(pod, c, running);
    if (!clash) return;
    const rc = this.runtime.containers.filter((x) => x.sandboxId === sbId && x.name === c.name).pop();
    if (rc) rc.log = bindFailureLog(c, clash, this.ctx.clock.now);
    // Foreground: an apply settles until the clash has shown (the back-off restarts are background).
    this.later(2500, () => this.exited(uid, c, 1, restarts));
  }

  /** Liveness/startup failure or the process stopped from a terminal (`nginx -s stop`): the container ends. */
  killContainer(uid: string, name: string, code?: number): void {
    const pod = this.current(uid);
    const c = pod?.spec.containers.find((x) => x.name === name);
    if (!pod || !c) return;
    const restarts = pod.status?.containerStatuses?.find((s) => s.name === name)?.restartCount ?? 0;
    this.exited(uid, c, code ?? (ignoresSigterm(c) ? 137 : 0), restarts, code === undefined);
  }

  /** A probe changed a container's ready/started flags: the pod's Ready condition follows. */
  private setProbeState(uid: string, name: string, ready: boolean, started: boolean): void {
    const pod = this.current(uid);
    if (!pod || this.known.get(uid)?.phase !== 'running') return;
    const now = this.ctx.clock.now;
    this.setStatus(pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === name && cs.state.running ? { ...cs, ready, started } : cs));
      s.conditions = readyConditions(s.conditions, s.containerStatuses, now);
    });
  }

  /** Starts the in-process daemon of a system image; when it exits (flanneld on a bad config), the container exits. */
  private startDaemon(pod: Pod, c: Container, restarts: number): void {
    const uid = pod.metadata.uid!;
    this.daemons.started(pod, c, (code) => this.later(0, () => this.exited(uid, c, code, restarts), true));
  }

  /** A container whose process ends: restart it (with back-off) or let the pod complete. */
  private watchProcess(uid: string, c: Container, restarts: number): void {
    const prog = containerProgram(c);
    if (prog.kind !== 'exit') return;
    this.later(prog.afterMs, () => this.exited(uid, c, prog.code, restarts), true);
  }

  /** `killed`: stopped by the kubelet (a failed probe), restarted at once the first time, then with back-off. */
  private exited(uid: string, c: Container, code: number, restarts: number, killed = false): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || entry?.phase !== 'running' || pod.metadata.deletionTimestamp) return;
    const sbId = entry.sandbox?.id;
    const rc = this.runtime.containers.filter((x) => x.sandboxId === sbId && x.name === c.name).pop();
    if (rc) rc.state = 'CONTAINER_EXITED';
    this.daemons.stopped(uid, c.name);
    this.prober.stop(uid, c.name);
    const now = this.ctx.clock.now;
    const prev = pod.status?.containerStatuses?.find((s) => s.name === c.name);
    const terminated = { exitCode: code, reason: code === 0 ? 'Completed' : 'Error', startedAt: prev?.state.running?.startedAt, finishedAt: isoAt(now) };
    const policy = pod.spec.restartPolicy ?? 'Always';
    const restart = policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    if (restart && killed && restarts === 0) {
      this.setStatus(pod, (s) => {
        s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready: false, started: false, lastState: { terminated } } : cs));
      });
      this.later(0, () => this.restartContainer(uid, c, restarts + 1), true);
      return;
    }
    if (restart) {
      const delay = killed ? backoffMs(restarts) : backoffMs(restarts + 1);
      const secs = `${delay / 1000}s`;
      this.setStatus(pod, (s) => {
        s.containerStatuses = (s.containerStatuses ?? []).map((cs) =>
          cs.name === c.name ? { ...cs, ready: false, started: false, restartCount: restarts, state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${secs} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${uid})` } }, lastState: { terminated } } : cs,
        );
        s.conditions = notReady(s.conditions, now);
      });
      recordEvent(this.ctx, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${uid})`, 'kubelet', this.nodeName);
      this.later(delay, () => this.restartContainer(uid, c, restarts + 1), true);
      return;
    }
    this.setStatus(pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready: false, started: false, state: { terminated } } : cs));
      const all = s.containerStatuses.every((cs) => cs.state.terminated);
      if (all) s.phase = s.containerStatuses.every((cs) => cs.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
      s.conditions = notReady(s.conditions, now, all ? 'PodCompleted' : 'ContainersNotReady');
    });
  }

  private restartContainer(uid: string, c: Container, restarts: number): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || entry?.phase !== 'running' || pod.metadata.deletionTimestamp) return;
    recordEvent(this.ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet', this.nodeName);
    // A new container: a fresh writable layer (volumes keep their files).
    resetContainerLayer(entry.sandbox, c.name);
    this.startEvents(pod, c, 'CONTAINER_RUNNING', restarts);
    this.startDaemon(pod, c, restarts);
    this.prober.start(pod, c);
    const now = this.ctx.clock.now;
    const ready = this.prober.ready(uid, c);
    const started = this.prober.started(uid, c);
    this.setStatus(pod, (s) => {
      s.containerStatuses = (s.containerStatuses ?? []).map((cs) => (cs.name === c.name ? { ...cs, ready, started, restartCount: restarts, state: { running: { startedAt: isoAt(now) } } } : cs));
      s.conditions = readyConditions(s.conditions, s.containerStatuses, now);
    });
    this.watchProcess(uid, c, restarts);
    this.checkBind(pod, c, restarts);
  }

  /** Reports the pod running and ready (also after a kubelet restart). */
  private reportRunning(pod: Pod): void {
    const now = isoAt(this.ctx.clock.now);
    const containers = this.runtime.containers.filter((c) => c.sandboxId === this.known.get(pod.metadata.uid!)?.sandbox?.id);
    this.setStatus(pod, (s) => {
      s.phase = 'Running';
      s.containerStatuses = pod.spec.containers.map((c) => {
        const rc = containers.filter((x) => x.name === c.name).pop();
        const prev = s.containerStatuses?.find((x) => x.name === c.name);
        const st = containerStatus(c, 'running', rc?.createdAt ?? this.ctx.clock.now);
        if (prev?.state.running) st.state = prev.state;
        st.ready = this.prober.ready(pod.metadata.uid!, c);
        st.started = this.prober.started(pod.metadata.uid!, c);
        if (prev) st.restartCount = prev.restartCount;
        if (rc) st.containerID = `${this.runtime.kind === 'cri-o' ? 'cri-o' : 'containerd'}://${rc.id}`;
        return st;
      });
      const prev = s.conditions ?? [];
      s.conditions = RUNNING_POD_CONDITIONS.map((type) => {
        const old = prev.find((c) => c.type === type);
        return { type, status: 'True', lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now };
      });
      s.conditions = readyConditions(s.conditions, s.containerStatuses, this.ctx.clock.now);
    });
  }

  private setStatus(pod: Pod, mutate: (s: NonNullable<Pod['status']>) => void): void {
    const fresh = this.current(pod.metadata.uid!);
    if (!fresh) return;
    const host = this.ctx.hosts.get(this.nodeName)!;
    const s = fresh.status ?? { phase: 'Pending' };
    s.hostIP = host.ip;
    s.hostIPs = [{ ip: host.ip }];
    s.startTime = s.startTime ?? isoAt(this.ctx.clock.now);
    s.qosClass = s.qosClass ?? qosClass(fresh);
    if (!s.containerStatuses) s.containerStatuses = fresh.spec.containers.map((c) => containerStatus(c, 'waiting', this.ctx.clock.now, fresh.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating'));
    mutate(s);
    fresh.status = s;
    this.ctx.api.update(fresh, this.actor, 'status');
  }
}

/** What kubeadm init/join leave for the kubelet: its kubeconfig and its configuration file. */
function writeKubeletFiles(ctx: SimContext, host: NonNullable<ReturnType<SimContext['hosts']['get']>>): void {
  const cp = ctx.scenario.nodes.find((n) => n.role === 'control-plane') ?? ctx.scenario.nodes[0];
  host.files['/etc/kubernetes/kubelet.conf'] ??= [
    'apiVersion: v1',
    'clusters:',
    '- cluster:',
    '    certificate-authority: /etc/kubernetes/pki/ca.crt',
    `    server: https://${cp.ip}:6443`,
    '  name: default-cluster',
    'contexts:',
    '- context:',
    '    cluster: default-cluster',
    '    namespace: default',
    '    user: default-auth',
    '  name: default-context',
    'current-context: default-context',
    'kind: Config',
    'preferences: {}',
    'users:',
    '- name: default-auth',
    '  user:',
    '    client-certificate: /var/lib/kubelet/pki/kubelet-client-current.pem',
    '    client-key: /var/lib/kubelet/pki/kubelet-client-current.pem',
    '',
  ].join('\n');
  const dns = ctx.scenario.cluster.serviceCIDR.replace(/\.\d+\/\d+$/, '.10');
  host.files['/var/lib/kubelet/config.yaml'] ??= [
    'apiVersion: kubelet.config.k8s.io/v1beta1',
    'authentication:',
    '  x509:',
    '    clientCAFile: /etc/kubernetes/pki/ca.crt',
    'cgroupDriver: systemd',
    'clusterDNS:',
    `- ${dns}`,
    'clusterDomain: cluster.local',
    `containerRuntimeEndpoint: ${host.runtime === 'cri-o' ? 'unix:///var/run/crio/crio.sock' : 'unix:///var/run/containerd/containerd.sock'}`,
    'kind: KubeletConfiguration',
    'nodeStatusReportFrequency: 5m0s',
    'nodeStatusUpdateFrequency: 10s',
    'rotateCertificates: true',
    'staticPodPath: /etc/kubernetes/manifests',
    '',
  ].join('\n');
}

/** Ready and ContainersReady: True only when every container is ready (its readiness probe passed). */
function readyConditions(conds: PodCondition[] | undefined, statuses: ContainerStatus[], now: number): PodCondition[] {
  const unready = statuses.filter((cs) => !cs.ready).map((cs) => cs.name);
  return (conds ?? []).map((c) => {
    if (c.type !== 'Ready' && c.type !== 'ContainersReady') return c;
    const status = unready.length === 0 ? 'True' : 'False';
    const since = c.status === status ? c.lastTransitionTime : isoAt(now);
    return status === 'True' ? { type: c.type, status, lastTransitionTime: since } : { type: c.type, status, reason: 'ContainersNotReady', message: `containers with unready status: [${unready.join(' ')}]`, lastTransitionTime: since };
  });
}

function notReady(conds: PodCondition[] | undefined, now: number, reason = 'ContainersNotReady'): PodCondition[] {
  return (conds ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { type: c.type, status: 'False', reason, lastTransitionTime: isoAt(now) } : c));
}

function recordEventSafe(ctx: SimContext, nodeName: string, reason: string, message: string): void {
  const node = ctx.api.get<Node>('Node', undefined, nodeName);
  if (node) recordEvent(ctx, node, 'Normal', reason, message, 'kubelet', nodeName);
}

/** PID 1 of `sleep` in a busybox shell does not handle SIGTERM: the kubelet waits out the grace period. */
function ignoresSigterm(c: Container): boolean {
  return [...(c.command ?? []), ...(c.args ?? [])].some((w) => /\bsleep\b/.test(w));
}

/** The pod's QoS class from its containers' requests and limits. */
export function qosClass(pod: Pod): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...pod.spec.containers, ...(pod.spec.initContainers ?? [])];
  const any = cs.some((c) => Object.keys(c.resources?.requests ?? {}).length > 0 || Object.keys(c.resources?.limits ?? {}).length > 0);
  if (!any) return 'BestEffort';
  const guaranteed = cs.every((c) => ['cpu', 'memory'].every((r) => c.resources?.limits?.[r] !== undefined && (c.resources?.requests?.[r] ?? c.resources?.limits?.[r]) === c.resources?.limits?.[r]));
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function containerStatus(c: Container, state: 'waiting' | 'running' | 'terminated', now: number, reason = 'ContainerCreating'): ContainerStatus {
  const image = normaliseImage(c.image);
  const base: ContainerStatus = { name: c.name, image, imageID: '', ready: state === 'running', started: state === 'running', restartCount: 0, state: {} };
  if (state === 'waiting') base.state = { waiting: { reason } };
  if (state === 'running') base.state = { running: { startedAt: isoAt(now) } };
  if (state === 'terminated') base.state = { terminated: { exitCode: 0, reason, finishedAt: isoAt(now) } };
  if (state !== 'waiting') base.imageID = `${image.replace(/:[^:/]+$/, '')}@sha256:${imageDigest(image)}`;
  return base;
}
