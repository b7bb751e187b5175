/**
 * The scheduler's cache: one NodeInfo per node (sorted by name) and the pods nominated for
 * preemption. As kube-scheduler's cache is kept by its informers' add/update/delete handlers,
 * this one is kept by the apiserver's store observer (observeStore): each Pod or Node write
 * moves one pod or one node, so a kubelet's status write, a Lease renewal or an Event costs
 * nothing like a rebuild, and the scheduler's own binding lands on its node the moment it is
 * stored (the "assume" step). The observer runs as the write is stored, so the cache always
 * holds what the store holds: the same view a scan would give, never a watch event behind.
 */
import type { KubeObject, Node, Pod, Taint } from '../api/types';
import type { SimContext } from '../sim/context';
import type { ContainerRuntime } from '../runtime/runtime';
import { addPod, removePod, updatePod } from './nodeInfo';
import type { NodeInfo } from './types';

export interface ClusterView {
  infos: NodeInfo[];
  /** Pending pods holding a nominatedNodeName (their room counts as taken on that node). */
  nominated: Pod[];
}

/** The images on the node now: read live, as a pull on the node changes them without an API write. */
function liveImages(this: CachedNodeInfo): string[] {
  // No runtimes at all (the scheduling benchmark): no lookup, no load of the Node object.
  if (this.runtimes.size === 0) return NO_IMAGES;
  return this.runtimes.get(this.node.metadata.name)?.images ?? NO_IMAGES;
}
// Shared and frozen: a node without a runtime (the benchmark's) allocates nothing per look.
const NO_IMAGES: string[] = Object.freeze([]) as unknown as string[];

/**
 * One node in the cache. Every field exists from the start and `images` is one shared getter,
 * so all NodeInfos share a hidden class and the plugins' reads of them stay fast (an object
 * literal with a getter is a slow dictionary object in V8).
 */
class CachedNodeInfo implements NodeInfo {
  // nodeFacts() and podSums() fill these in when first asked (see nodeInfo.ts). Byte counts
  // start as NaN, a double: V8 then stores them as doubles from the start, instead of
  // changing the field's representation later and leaving plugins' code polymorphic.
  factsOf: Node | undefined = undefined;
  allocCpu = 0;
  allocMemory = NaN;
  allocPods = 0;
  unschedulable = false;
  noSchedule: readonly Taint[] = [];
  preferNoSchedule: readonly Taint[] = [];
  sumsOf: readonly Pod[] | undefined = undefined;
  podCount = 0;
  requestedCpu = 0;
  requestedMemory = NaN;
  nonZeroCpu = 0;
  nonZeroMemory = NaN;
  imageScoreFor: object | undefined = undefined;
  imageScore = 0;
  declare images: string[];

  constructor(
    public node: Node,
    public pods: Pod[],
    readonly runtimes: ReadonlyMap<string, ContainerRuntime>,
  ) {
    Object.defineProperty(this, 'images', { get: liveImages, enumerable: true, configurable: true });
  }
}

const terminal = (p: Pod): boolean => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
/** A pod that takes room on its node: bound and not finished (deleting pods still count). */
const onNode = (p: KubeObject | undefined): p is Pod => !!p && !!(p as Pod).spec.nodeName && !terminal(p as Pod);
const isNominated = (p: KubeObject | undefined): p is Pod => !!p && !(p as Pod).spec.nodeName && !!(p as Pod).status?.nominatedNodeName;
const byNodeName = (a: NodeInfo, b: NodeInfo): number => (a.node.metadata.name < b.node.metadata.name ? -1 : 1);

export class SchedulerCache {
  /** Sorted by name; a new array when a node comes or goes (a decision's table keeps the one it was made from). */
  private infos: CachedNodeInfo[] = [];
  private byName = new Map<string, CachedNodeInfo>();
  /**
   * The pods on each node name, also for a name with no Node (a node that comes back finds
   * its pods, as a rebuild would). The array is its NodeInfo's `pods`, edited in place.
   */
  private podsOn = new Map<string, Pod[]>();
  private nominatedPods = new Set<Pod>();
  /** How many pods on nodes have each priority: whether preemption could find any victim at all. */
  private priorities = new Map<number, number>();
  private view: ClusterView | undefined;

  constructor(private readonly ctx: SimContext) {
    const api = ctx.api;
    for (const n of api.peekAll('Node') as Node[]) this.byName.set(n.metadata.name, new CachedNodeInfo(n, this.podsFor(n.metadata.name), ctx.runtimes));
    this.infos = [...this.byName.values()].sort(byNodeName);
    for (const p of api.peekAll('Pod')) this.podChanged(p, undefined);
    api.observeStore('Node', (obj, old) => this.nodeChanged(obj as Node | undefined, old as Node | undefined));
    api.observeStore('Pod', (obj, old) => this.podChanged(obj, old));
  }

  /** The current view (do not mutate). */
  get(): ClusterView {
    // The nominated pods in store order, as a scan would list them (rebuilt only when they change).
    this.view ??= { infos: this.infos, nominated: this.nominatedPods.size > 1 ? this.ctx.api.sortInStoreOrder([...this.nominatedPods]) : [...this.nominatedPods] };
    return this.view;
  }

  /**
   * A view of its own straight from the apiserver, with each node's pods in store order: the
   * order preemption weighs victims in. Its NodeInfos are copies; the cache is not touched.
   */
  fresh(): ClusterView {
    const runtimes = this.ctx.runtimes;
    const nodes = (this.ctx.api.peekAll('Node') as Node[]).slice().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const byNode = new Map<string, Pod[]>(nodes.map((n) => [n.metadata.name, []]));
    const nominated: Pod[] = [];
    for (const p of this.ctx.api.peekAll('Pod') as Pod[]) {
      if (!p.spec.nodeName && p.status?.nominatedNodeName) nominated.push(p);
      if (terminal(p) || !p.spec.nodeName) continue;
      byNode.get(p.spec.nodeName)?.push(p);
    }
    const infos = nodes.map((node): NodeInfo => new CachedNodeInfo(node, byNode.get(node.metadata.name)!, runtimes));
    return { infos, nominated };
  }

  private podsFor(name: string): Pod[] {
    let pods = this.podsOn.get(name);
    if (!pods) this.podsOn.set(name, (pods = []));
    return pods;
  }

  /** A Node added (sorted in), changed (its facts are parsed again on the next look) or removed. */
  private nodeChanged(node: Node | undefined, old: Node | undefined): void {
    if (node && old) {
      const info = this.byName.get(node.metadata.name);
      if (info) {
        info.node = node;
        return;
      }
    }
    if (old) {
      const info = this.byName.get(old.metadata.name);
      this.byName.delete(old.metadata.name);
      if (info) this.infos = this.infos.filter((i) => i !== info);
    }
    if (node) {
      const info = new CachedNodeInfo(node, this.podsFor(node.metadata.name), this.ctx.runtimes);
      this.byName.set(node.metadata.name, info);
      const infos = this.infos.slice();
      let lo = 0;
      let hi = infos.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (byNodeName(infos[mid], info) < 0) lo = mid + 1;
        else hi = mid;
      }
      infos.splice(lo, 0, info);
      this.infos = infos;
    }
    this.view = undefined;
  }

  /** AddPod / UpdatePod / RemovePod on the pod's node, and the nominated pods kept. */
  private podChanged(obj: KubeObject | undefined, old: KubeObject | undefined): void {
    const was = onNode(old) ? old : undefined;
    const is = onNode(obj) ? obj : undefined;
    if (was && is && was.spec.nodeName === is.spec.nodeName) this.update(was, is);
    else {
      if (was) this.remove(was);
      if (is) this.add(is);
    }
    if (isNominated(old) || isNominated(obj)) {
      if (old) this.nominatedPods.delete(old as Pod);
      if (isNominated(obj)) this.nominatedPods.add(obj);
      this.view = undefined;
    }
  }

  /** Whether some pod on a node has a lower priority than `prio` (a possible preemption victim). */
  anyPodBelow(prio: number): boolean {
    for (const [p, n] of this.priorities) if (p < prio && n > 0) return true;
    return false;
  }

  private countPriority(pod: Pod, by: number): void {
    const p = pod.spec.priority ?? 0;
    this.priorities.set(p, (this.priorities.get(p) ?? 0) + by);
  }

  private add(pod: Pod): void {
    this.countPriority(pod, 1);
    const info = this.byName.get(pod.spec.nodeName!);
    if (info) addPod(info, pod);
    else this.podsFor(pod.spec.nodeName!).push(pod);
  }

  private update(old: Pod, pod: Pod): void {
    const info = this.byName.get(pod.spec.nodeName!);
    if (info) return updatePod(info, old, pod);
    const pods = this.podsFor(pod.spec.nodeName!);
    const i = pods.indexOf(old);
    if (i >= 0) pods[i] = pod;
    else pods.push(pod);
  }

  private remove(pod: Pod): void {
    this.countPriority(pod, -1);
    const info = this.byName.get(pod.spec.nodeName!);
    if (info) return removePod(info, pod);
    const pods = this.podsOn.get(pod.spec.nodeName!);
    const i = pods ? pods.indexOf(pod) : -1;
    if (i >= 0) pods!.splice(i, 1);
  }
}
