/**
 * Kubemark's hollow node (kubernetes/cmd/kubemark, --morph=kubelet and --morph=proxy): the real
 * kubelet and kube-proxy code against a fake CRI runtime and fake iptables. The control plane sees
 * a real Node, its Lease and its pods, and must carry them all; nothing runs. This is how
 * Kubernetes' own scalability tests reach 5,000 nodes, and how the playground holds them.
 *
 * What the hollow kubelet does here, as the real one would with the fake runtime: registers its
 * Node (containerRuntimeVersion fakeRuntime://0.1.0) and Lease, renews the Lease every 10 s, and
 * for each pod bound here reports Pulled/Created/Started and Running, then Killing and the final
 * delete. Pod addresses come from the node's podCIDR, as host-local hands them out (the stock fake runtime reports
 * 192.168.192.168 for every sandbox; kubemark users patch it to the podCIDR so that Services and
 * EndpointSlices stay meaningful). The hollow kube-proxy programs rules into fake iptables, so a
 * hollow node has no shell, no network namespace and no datapath: its DaemonSet pods run, but
 * nothing answers at its pods' addresses.
 */
import { deepCopy } from '../apiserver/copy';
import type { Lease, Node, Pod, PodCondition } from '../api/types';
import { containerStatus, KUBELET_TIMING, microAt, qosClass, RUNNING_POD_CONDITIONS } from '../kubelet/kubelet';
import { nodeLease, nodeObject, readyNodeConditions } from '../kubelet/nodeObject';
import { dotted, rangeBounds } from '../net/ip';
import { recordEvent, type SimContext } from '../sim/context';
import { flat } from '../sim/flat';
import { isoAt } from '../sim/time';
import type { HollowNode } from './layout';

export const FAKE_RUNTIME_VERSION = 'fakeRuntime://0.1.0';

export class HollowKubelet {
  readonly actor: string;
  /** Pods bound here, by uid: their address (host index in the podCIDR; 0 for hostNetwork) and step. */
  private readonly pods = new Map<string, { ip: number; phase: 'starting' | 'running' | 'terminating' }>();
  /** Host indexes in use, and the last one handed out: host-local goes on from there, wrapping round. */
  private readonly inUse = new Set<number>();
  private lastIp = 1;

  constructor(
    private readonly ctx: SimContext,
    readonly node: HollowNode,
  ) {
    this.actor = `kubelet/${node.name}`;
    (ctx.hollow ??= new Map()).set(node.name, this);
  }

  start(): void {
    const { ctx, node } = this;
    ctx.api.watch('Pod', this.actor, (type, obj) => this.onPod(type, obj as Pod), { nodeName: node.name });
    const now = isoAt(ctx.clock.now);
    const created = ctx.api.create(nodeObject({ ...node, role: 'worker', runtime: 'containerd' }, ctx.scenario.cluster.kubernetesVersion, now, FAKE_RUNTIME_VERSION), this.actor);
    ctx.api.create(nodeLease(node.name, created.metadata.uid!, microAt(ctx.clock.now)), this.actor);
    // The fake runtime's network is ready at once: Ready on the first status update.
    this.later(100, () => this.ready());
    this.later(KUBELET_TIMING.leaseRenew, () => this.renewLease(), true);
  }

  private later(ms: number, fn: () => void, background = false): void {
    this.ctx.clock.schedule(ms, this.actor, fn, background);
  }

  private ready(): void {
    const node = this.ctx.api.get<Node>('Node', undefined, this.node.name);
    if (!node) return;
    const now = isoAt(this.ctx.clock.now);
    node.status!.conditions = readyNodeConditions(now);
    this.ctx.api.update(node, this.actor, 'status');
    recordEvent(this.ctx, node, 'Normal', 'NodeReady', `Node ${this.node.name} status is now: NodeReady`, 'kubelet', this.node.name);
  }

  /** The node lease heartbeat, every 10 s (housekeeping: it does not keep `settle()` running). */
  private renewLease(): void {
    const lease = this.ctx.api.get<Lease>('Lease', 'kube-node-lease', this.node.name);
    if (lease) {
      lease.spec.renewTime = microAt(this.ctx.clock.now);
      this.ctx.api.update(lease, this.actor);
    }
    this.later(KUBELET_TIMING.leaseRenew, () => this.renewLease(), true);
  }

  private onPod(type: string, pod: Pod): void {
    const uid = pod.metadata.uid!;
    const known = this.pods.get(uid);
    if (type === 'DELETED') {
      if (known) this.inUse.delete(known.ip);
      this.pods.delete(uid);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      this.terminate(pod);
      return;
    }
    if (known) return;
    this.pods.set(uid, { ip: pod.spec.hostNetwork ? 0 : this.allocate(), phase: 'starting' });
    // Sandbox, create and start: the fake runtime answers at once, the kubelet's own steps remain.
    this.later(KUBELET_TIMING.sandbox + KUBELET_TIMING.create + KUBELET_TIMING.start, () => this.run(uid));
  }

  /** The next free host index after the last one given (.2 … the subnet's last host; .1 is the gateway). */
  private allocate(): number {
    const cidr = this.ctx.api.peek<Node>('Node', undefined, this.node.name)?.spec.podCIDR;
    const hosts = cidr ? rangeBounds(cidr)[1] - rangeBounds(cidr)[0] - 2 : 253;
    for (let i = 1; i <= hosts; i++) {
      const candidate = ((this.lastIp - 2 + i) % hosts) + 2;
      if (!this.inUse.has(candidate)) {
        this.inUse.add(candidate);
        this.lastIp = candidate;
        return candidate;
      }
    }
    return -1;
  }

  private podIp(ip: number): string | undefined {
    if (ip === 0) return this.node.ip;
    if (ip < 0) return undefined;
    const cidr = this.ctx.api.peek<Node>('Node', undefined, this.node.name)?.spec.podCIDR;
    return cidr ? dotted(rangeBounds(cidr)[0] + ip) : undefined;
  }

  private run(uid: string): void {
    const entry = this.pods.get(uid);
    const live = this.ctx.api.peekByUid<Pod>('Pod', uid);
    if (!entry || entry.phase !== 'starting' || !live || live.metadata.deletionTimestamp) return;
    const ip = this.podIp(entry.ip);
    if (!ip) return;
    // Read-only: the status write below names the pod and carries only the new status.
    const pod = live as Pod;
    // Init containers first (each runs and exits 0 at once on the fake runtime), then the app's.
    for (const c of [...(pod.spec.initContainers ?? []), ...pod.spec.containers]) {
      recordEvent(this.ctx, pod, 'Normal', 'Pulled', `Container image "${c.image}" already present on machine`, 'kubelet', this.node.name);
      recordEvent(this.ctx, pod, 'Normal', 'Created', `Created container: ${c.name}`, 'kubelet', this.node.name);
      recordEvent(this.ctx, pod, 'Normal', 'Started', `Started container ${c.name}`, 'kubelet', this.node.name);
    }
    const now = this.ctx.clock.now;
    const at = isoAt(now);
    const conditions: PodCondition[] = RUNNING_POD_CONDITIONS.map((type) => ({ type, status: 'True', lastTransitionTime: at }));
    const status: Pod['status'] = {
      ...deepCopy(pod.status),
      phase: 'Running',
      conditions,
      hostIP: this.node.ip,
      hostIPs: [{ ip: this.node.ip }],
      podIP: ip,
      podIPs: [{ ip }],
      startTime: at,
      qosClass: qosClass(pod),
      ...(pod.spec.initContainers?.length ? { initContainerStatuses: pod.spec.initContainers.map((c) => containerStatus(c, 'terminated', now, 'Completed')) } : {}),
      containerStatuses: pod.spec.containers.map((c) => ({ ...containerStatus(c, 'running', now), containerID: flat(`containerd://${this.ctx.prng.hex(32)}`) })),
    };
    entry.phase = 'running';
    this.ctx.api.update({ apiVersion: 'v1', kind: 'Pod', metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace }, spec: pod.spec, status }, this.actor, 'status');
  }

  /** Graceful stop: the fake runtime's containers stop at once; then the final delete. */
  private terminate(pod: Pod): void {
    const uid = pod.metadata.uid!;
    const entry = this.pods.get(uid);
    if (entry?.phase === 'terminating') return;
    if (entry) {
      entry.phase = 'terminating';
      for (const c of pod.spec.containers) recordEvent(this.ctx, pod, 'Normal', 'Killing', `Stopping container ${c.name}`, 'kubelet', this.node.name);
    }
    this.later(KUBELET_TIMING.stop, () => {
      const cur = this.ctx.api.peekByUid<Pod>('Pod', uid);
      if (cur) this.ctx.api.delete('Pod', cur.metadata.namespace, cur.metadata.name, this.actor, { gracePeriodSeconds: 0 });
    });
  }
}
