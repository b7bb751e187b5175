/**
 * The scheduler's cache: one NodeInfo per node (sorted by name) and the pods nominated for
 * preemption, built from the apiserver's watch cache. It is rebuilt only when someone else
 * wrote since the last look (the etcd revision moved); a binding the scheduler makes itself
 * is added in place, as kube-scheduler's cache "assumes" a pod before the bind returns. So a
 * burst of pods costs O(nodes scored) per pod instead of a scan of every pod on every node.
 */
import type { Node, Pod, Taint } from '../api/types';
import type { SimContext } from '../sim/context';
import type { ContainerRuntime } from '../runtime/runtime';
import { addPod } from './nodeInfo';
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

export class SchedulerCache {
  private view: ClusterView = { infos: [], nominated: [] };
  private index = new Map<string, number>();
  private revision = -1;

  constructor(private readonly ctx: SimContext) {}

  /** The current view; rebuilt when the store changed behind the scheduler's back. */
  get(): ClusterView {
    if (this.revision !== this.ctx.api.etcd.revision) this.rebuild();
    return this.view;
  }

  /** A fresh view straight from the apiserver (pods in store order), for preemption. */
  fresh(): ClusterView {
    this.rebuild();
    return this.view;
  }

  private rebuild(): void {
    const runtimes = this.ctx.runtimes;
    const nodes = (this.ctx.api.peekAll('Node') as Node[]).slice().sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    const byNode = new Map<string, Pod[]>(nodes.map((n) => [n.metadata.name, []]));
    const nominated: Pod[] = [];
    for (const p of this.ctx.api.peekAll('Pod') as Pod[]) {
      if (!p.spec.nodeName && p.status?.nominatedNodeName) nominated.push(p);
      if (terminal(p) || !p.spec.nodeName) continue;
      byNode.get(p.spec.nodeName)?.push(p);
    }
    this.index = new Map(nodes.map((n, i) => [n.metadata.name, i]));
    const infos = nodes.map((node): NodeInfo => new CachedNodeInfo(node, byNode.get(node.metadata.name)!, runtimes));
    this.view = { infos, nominated };
    this.revision = this.ctx.api.etcd.revision;
  }

  /**
   * The scheduler bound `pod` to `node` and nothing else was written since `revisionBefore`:
   * add it to the node (its request sums move by the pod's, see addPod) and keep the cache
   * valid. Otherwise the next look rebuilds.
   */
  assume(pod: Pod, node: string, revisionBefore: number): void {
    if (revisionBefore !== this.revision) return;
    const i = this.index.get(node);
    if (i === undefined) return;
    addPod(this.view.infos[i], pod);
    if (this.view.nominated.some((p) => p.metadata.uid === pod.metadata.uid)) this.view.nominated = this.view.nominated.filter((p) => p.metadata.uid !== pod.metadata.uid);
    this.revision = this.ctx.api.etcd.revision;
  }
}
