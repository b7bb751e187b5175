/**
 * The kubelet of one node: registers the Node, reports readiness once a CNI config exists,
 * and for every pod bound here asks the runtime (CRI) for a sandbox — whose network the
 * runtime sets up through CNI — then pulls images, runs init containers one by one, starts
 * the app containers and reports status back through the apiserver.
 */
import type { Container, ContainerStatus, Node, Pod } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import type { ContainerRuntime, Sandbox } from '../runtime/runtime';
import { normaliseImage } from '../runtime/runtime';
import { cniAdd, cniDel } from '../cni/invoke';
import { nodeObject } from './nodeObject';
import { fnv1a64 } from '../sim/hash';

/** Simulated durations (ms) of the steps a real kubelet/runtime takes. */
export const KUBELET_TIMING = { sandbox: 400, imagePull: 2200, create: 150, start: 200, initRun: 1000, statusSync: 10_000, cniRetry: 5_000 };

export class Kubelet {
  readonly actor: string;
  private known = new Map<string, { sandbox?: Sandbox; phase: 'starting' | 'running' }>();

  constructor(
    private readonly ctx: SimContext,
    private readonly nodeName: string,
    private readonly runtime: ContainerRuntime,
  ) {
    this.actor = `kubelet/${nodeName}`;
  }

  start(): void {
    const host = this.ctx.hosts.get(this.nodeName)!;
    this.ctx.api.create(nodeObject(host, this.ctx.scenario.cluster.kubernetesVersion), this.actor);
    this.ctx.api.watch('Pod', this.actor, (type, obj) => this.onPod(type, obj as Pod));
    // The runtime reports NetworkReady as soon as a CNI config appears (inotify).
    this.ctx.cniConfigWatchers.set(this.nodeName, () => this.ctx.clock.schedule(100, this.actor, () => this.updateReadiness()));
    this.syncNodeStatus();
  }

  /** The periodic node status update (nodeStatusUpdateFrequency, 10 s): housekeeping. */
  private syncNodeStatus(): void {
    this.updateReadiness();
    this.ctx.clock.schedule(KUBELET_TIMING.statusSync, this.actor, () => this.syncNodeStatus(), true);
  }

  /** Node status: Ready once the network plugin is initialised (a CNI config exists). */
  private updateReadiness(): void {
    const host = this.ctx.hosts.get(this.nodeName)!;
    const node = this.ctx.api.get<Node>('Node', undefined, this.nodeName);
    const cniReady = Object.keys(host.files).some((p) => p.startsWith('/etc/cni/net.d/'));
    if (node && cniReady) {
      const ready = node.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready && ready.status !== 'True') {
        ready.status = 'True';
        ready.reason = 'KubeletReady';
        ready.message = 'kubelet is posting ready status';
        ready.lastTransitionTime = isoAt(this.ctx.clock.now);
        ready.lastHeartbeatTime = isoAt(this.ctx.clock.now);
        this.ctx.api.update(node, this.actor, 'status');
        recordEvent(this.ctx, node, 'Normal', 'NodeReady', `Node ${this.nodeName} status is now: NodeReady`, 'kubelet', this.nodeName);
      }
    }
  }

  private onPod(type: string, pod: Pod): void {
    if (pod.spec.nodeName !== this.nodeName) return;
    const uid = pod.metadata.uid!;
    if (type === 'DELETED') {
      const k = this.known.get(uid);
      if (k?.sandbox) {
        cniDel(this.ctx, this.nodeName, k.sandbox);
        this.runtime.removeSandbox(k.sandbox.id);
      }
      this.known.delete(uid);
      return;
    }
    if (this.known.has(uid)) return;
    this.known.set(uid, { phase: 'starting' });
    this.ctx.clock.schedule(KUBELET_TIMING.sandbox, this.actor, () => this.createSandbox(uid));
  }

  private current(uid: string): Pod | undefined {
    return this.ctx.api.list<Pod>('Pod').find((p) => p.metadata.uid === uid);
  }

  private createSandbox(uid: string): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || !entry) return;
    this.ctx.log.add({ t: this.ctx.clock.now, from: this.actor, to: `${this.runtime.kind}/${this.nodeName}`, verb: 'CRI RunPodSandbox', path: `${pod.metadata.namespace}/${pod.metadata.name}` });
    const sb = this.runtime.newSandbox(uid, pod.metadata.namespace!, pod.metadata.name, this.ctx.clock.now);
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
      this.ctx.clock.schedule(KUBELET_TIMING.cniRetry, this.actor, () => this.createSandbox(uid), true);
      return;
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
    if (!pod || !this.known.has(uid)) return;
    if (init && index >= list.length) {
      this.runContainers(uid, pod.spec.containers, 0, false);
      return;
    }
    if (!init) {
      // App containers start in parallel: pull all, then start all.
      let delay = 0;
      for (const c of list) delay = Math.max(delay, this.pull(pod, c));
      this.ctx.clock.schedule(delay + KUBELET_TIMING.create + KUBELET_TIMING.start, this.actor, () => this.startApp(uid));
      return;
    }
    const c = list[index];
    const delay = this.pull(pod, c);
    this.ctx.clock.schedule(delay + KUBELET_TIMING.create + KUBELET_TIMING.start + KUBELET_TIMING.initRun, this.actor, () => {
      const p = this.current(uid);
      if (!p) return;
      this.startEvents(p, c);
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
    this.ctx.clock.schedule(KUBELET_TIMING.imagePull, this.actor, () => {
      const p = this.current(pod.metadata.uid!);
      if (p) recordEvent(this.ctx, p, 'Normal', 'Pulled', `Successfully pulled image "${c.image}" in ${secs}s (${secs}s including waiting)`, 'kubelet', this.nodeName);
    });
    return KUBELET_TIMING.imagePull;
  }

  private startEvents(pod: Pod, c: Container): void {
    const sb = this.known.get(pod.metadata.uid!)?.sandbox;
    if (sb) this.runtime.addContainer(sb.id, c.name, c.image, this.ctx.clock.now).state = 'CONTAINER_RUNNING';
    recordEvent(this.ctx, pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', this.nodeName);
    recordEvent(this.ctx, pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', this.nodeName);
  }

  private startApp(uid: string): void {
    const pod = this.current(uid);
    const entry = this.known.get(uid);
    if (!pod || !entry) return;
    for (const c of pod.spec.containers) this.startEvents(pod, c);
    entry.phase = 'running';
    const now = isoAt(this.ctx.clock.now);
    this.setStatus(pod, (s) => {
      s.phase = 'Running';
      s.containerStatuses = pod.spec.containers.map((c) => containerStatus(c, 'running', this.ctx.clock.now));
      s.conditions = (['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'] as const).map((type) => ({ type, status: 'True', lastTransitionTime: now }));
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
    s.qosClass = s.qosClass ?? 'BestEffort';
    if (!s.containerStatuses) s.containerStatuses = fresh.spec.containers.map((c) => containerStatus(c, 'waiting', this.ctx.clock.now, fresh.spec.initContainers?.length ? 'PodInitializing' : 'ContainerCreating'));
    mutate(s);
    fresh.status = s;
    this.ctx.api.update(fresh, this.actor, 'status');
  }
}

function containerStatus(c: Container, state: 'waiting' | 'running' | 'terminated', now: number, reason = 'ContainerCreating'): ContainerStatus {
  const image = normaliseImage(c.image);
  const base: ContainerStatus = { name: c.name, image, imageID: '', ready: state === 'running', started: state === 'running', restartCount: 0, state: {} };
  if (state === 'waiting') base.state = { waiting: { reason } };
  if (state === 'running') base.state = { running: { startedAt: isoAt(now) } };
  if (state === 'terminated') base.state = { terminated: { exitCode: 0, reason, finishedAt: isoAt(now) } };
  if (state !== 'waiting') base.imageID = `${image.replace(/:[^:/]+$/, '')}@sha256:${imageDigest(image)}`;
  return base;
}

/** A stable stand-in for the registry digest of an image (64 hex digits). */
function imageDigest(image: string): string {
  return [0, 1, 2, 3].map((i) => fnv1a64(`${image}#${i}`)).join('');
}
