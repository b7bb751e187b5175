/**
 * kube-scheduler: watches pods without a node and schedules them one at a time, highest
 * priority first. Each cycle runs every filter plugin on the nodes (stopping once
 * percentageOfNodesToScore of a large cluster is feasible), scores the feasible nodes with
 * every score plugin, normalises, weights and sums the scores, picks the highest (ties in
 * round robin) and binds the pod through the apiserver. A pod that fits nowhere may preempt
 * lower-priority pods; otherwise it gets the FailedScheduling event with the real text.
 * Each decision is kept so the UI can show why a pod went where.
 */
import type { Pod } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { DEFAULT_FILTERS, DEFAULT_SCORES } from './plugins';
import type { FilterPlugin, NodeInfo, Rejection, SchedulingDecision } from './types';
import { decisionWithTable, tableBytes, TableSlots, type TableSlot } from './decisionTable';
import { FeasibleNodes, filterOne, findNodesThatPassFilters } from './feasible';
import { defaultPreemption } from './preemption';
import { ScoreBuffers, selectHost } from './prioritize';
import { SchedulerCache } from './cache';
import { SchedulingQueue } from './queue';
import { FLUSH_PERIOD_MS, UnschedulablePods } from './unschedulablePods';
import { nodeAffinityConflict, nodeAffinityPreFilterResult, TERMS_CONFLICT } from './plugins/nodeAffinity';
import { volumeBindingFilter, volumeBindingPreBind, volumeBindingPreFilter } from './plugins/volumeBinding';

const ACTOR = 'kube-scheduler';
const CYCLE_MS = 2;
/** Clusters smaller than this are always scored in full (minFeasibleNodesToFind). */
export const MIN_FEASIBLE_NODES = 100;

/** numFeasibleNodesToFind with the adaptive default percentage (50% - nodes/125, at least 5%). */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES) return numAllNodes;
  let pct = percentage;
  if (pct === 0) pct = Math.max(5, 50 - Math.trunc(numAllNodes / 125));
  if (pct >= 100) return numAllNodes;
  return Math.max(MIN_FEASIBLE_NODES, Math.trunc((numAllNodes * pct) / 100));
}

const KEPT_DECISIONS = 200;

export class Scheduler {
  /** The last KEPT_DECISIONS decisions in a ring (dropping the oldest from an array costs a copy per pod). */
  private recent: SchedulingDecision[] = [];
  private oldest = 0;
  /** 0 = the adaptive default; a scenario may set it like the KubeSchedulerConfiguration field. */
  percentageOfNodesToScore = 0;
  private queue = new SchedulingQueue();
  /** Pods that fit nowhere, waiting for a cluster event (or the 5-minute flush). */
  private unschedulable = new UnschedulablePods();
  private cache: SchedulerCache;
  private rr = 0;
  private nextStartNodeIndex = 0;
  private busy = false;
  /** Per-cycle buffers, reused: the filters not skipped, the feasible nodes, their scores. */
  private activeFilters: FilterPlugin[] = [];
  private feasible = new FeasibleNodes();
  private scores = new ScoreBuffers(DEFAULT_SCORES);
  private tables = new TableSlots();
  /** The table slot of the last committed cycle's decision, handed to remember() with it. */
  private pendingSlot: TableSlot | undefined;
  private recentSlots: (TableSlot | undefined)[] = [];

  constructor(private readonly ctx: SimContext) {
    this.cache = new SchedulerCache(ctx);
  }

  private unwatch: (() => void)[] = [];
  private running = false;

  /** kube-scheduler starts: it watches pods and nodes, and queues every pod still waiting for a node. */
  start(): void {
    if (this.running) return;
    this.running = true;
    const podWatch = this.ctx.api.watch('Pod', ACTOR, (type, obj) => {
      const pod = obj as Pod;
      if (type === 'DELETED') {
        // Freed resources may let waiting pods in.
        if (pod.spec.nodeName) this.retryUnschedulable();
        return;
      }
      if (pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
      if ((pod.spec.schedulerName ?? 'default-scheduler') !== 'default-scheduler') return;
      const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
      // An unschedulable pod waits for a cluster event (a node change, a pod leaving), not for its own status update.
      if (type === 'MODIFIED' && this.unschedulable.has(id)) return;
      this.enqueue(id, pod.spec.priority ?? 0);
    });
    // A node change (a new node, a removed taint) may make waiting pods schedulable.
    this.unwatch = [podWatch, this.ctx.api.watch('Node', ACTOR, () => this.retryUnschedulable())];
    // VolumeBinding's cluster events: a claim bound, a volume or a class added.
    for (const k of ['PersistentVolumeClaim', 'PersistentVolume', 'StorageClass'] as const) this.unwatch.push(this.ctx.api.watch(k, ACTOR, () => this.retryUnschedulable()));
    this.flushLoop(++this.generation);
    for (const p of this.ctx.api.peekAll('Pod') as Pod[]) {
      if (!p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.enqueue(`${p.metadata.namespace}/${p.metadata.name}`, p.spec.priority ?? 0);
    }
  }

  /** kube-scheduler stops (its static pod is gone): new pods stay Pending until it is back. */
  stop(): void {
    this.running = false;
    for (const u of this.unwatch) u();
    this.unwatch = [];
    this.unschedulable.clear();
  }

  private retryUnschedulable(): void {
    this.unschedulable.moveAll(this.requeue);
  }

  private readonly requeue = (id: string, prio: number): void => this.enqueue(id, prio);
  /** Bumped at each start, so the flush loop of an earlier run stops. */
  private generation = 0;

  /** flushUnschedulablePodsLeftover every 30 s while the scheduler runs (background: it does not keep settle() busy). */
  private flushLoop(generation: number): void {
    this.ctx.clock.schedule(FLUSH_PERIOD_MS, ACTOR, () => {
      if (!this.running || generation !== this.generation) return;
      this.unschedulable.flushLeftover(this.ctx.clock.now, this.requeue);
      this.flushLoop(generation);
    }, true);
  }

  private enqueue(id: string, prio: number): void {
    this.queue.push(id, prio);
    if (!this.busy) {
      this.busy = true;
      this.ctx.clock.schedule(CYCLE_MS, ACTOR, this.nextCycle);
    }
  }

  /** One function for every cycle scheduled, not a new closure per pod. */
  private readonly nextCycle = (): void => this.cycle();

  private cycle(): void {
    if (!this.running) {
      this.busy = false;
      return;
    }
    const id = this.queue.pop();
    if (id) this.scheduleOne(id);
    if (this.queue.length > 0) this.ctx.clock.schedule(CYCLE_MS, ACTOR, this.nextCycle);
    else this.busy = false;
  }

  /** Every node with its pods, sorted by name (the scheduler's cache; do not mutate). */
  nodeInfos(): NodeInfo[] {
    return this.cache.get().infos;
  }

  /** Pending pods holding a nominatedNodeName, in store order (the cache's; do not mutate). */
  nominatedPods(): readonly Pod[] {
    return this.cache.get().nominated;
  }

  /**
   * addNominatedPods: resources a preemptor has been promised on its nominated node count as
   * taken for pods of lower or equal priority, so a replacement pod cannot grab them.
   */
  private withNominated(pod: Pod, view: { infos: NodeInfo[]; nominated: Pod[] }): NodeInfo[] {
    const { infos } = view;
    if (view.nominated.length === 0) return infos;
    const prio = pod.spec.priority ?? 0;
    const nominated = view.nominated.filter((p) => !p.spec.nodeName && p.status?.nominatedNodeName && p.metadata.uid !== pod.metadata.uid && (p.spec.priority ?? 0) >= prio);
    if (nominated.length === 0) return infos;
    // Only the nodes with nominated pods get a copy (as the framework clones just those): the
    // others are the same as the cache's, and copying every node's pods per cycle would cost
    // a pass over every pod in the cluster for each pod scheduled while a preemption is pending.
    const byNode = new Map<string, Pod[]>();
    for (const p of nominated) {
      const list = byNode.get(p.status!.nominatedNodeName!);
      if (list) list.push(p);
      else byNode.set(p.status!.nominatedNodeName!, [p]);
    }
    return infos.map((i) => {
      const extra = byNode.get(i.node.metadata.name);
      return extra ? { ...i, pods: [...i.pods, ...extra] } : i;
    });
  }

  /** Runs the filters on one node: the failing plugin and its reasons, or undefined. */
  static filter(pod: Pod, info: NodeInfo): { plugin: string; reasons: string[]; resolvable: boolean } | undefined {
    return filterOne(pod, info);
  }

  /**
   * Filters and scores the nodes for a pod, without binding (the UI's "why" table). Only a
   * real scheduling cycle (`commit`) moves the round-robin start index, so a look from the
   * UI never changes what happens next.
   */
  evaluate(pod: Pod, infos = this.nodeInfos(), commit = false): SchedulingDecision {
    return this.run(pod, infos, commit).decision;
  }

  /**
   * findNodesThatPassFilters + prioritizeNodes: filters from nextStartNodeIndex round the
   * node list until numFeasibleNodesToFind nodes fit, then scores only those. The plugins a
   * pod has nothing for are skipped (PreFilter / PreScore); scores go into buffers reused
   * from cycle to cycle, and the decision keeps a compact copy from which the table of rows
   * (skipped nodes included) is built when someone reads it.
   */
  private run(pod: Pod, infos: NodeInfo[], commit: boolean): { decision: SchedulingDecision; feasible: number; chosen: () => number } {
    const n = infos.length;
    const filters = this.activeFilters;
    filters.length = 0;
    for (const f of DEFAULT_FILTERS) if (!f.preFilter || f.preFilter(pod)) filters.push(f);
    // NodeAffinity's PreFilterResult: a pod pinned to named nodes (a DaemonSet's) is filtered
    // on those alone, not on every node of the cluster.
    const pinned = nodeAffinityPreFilterResult(pod);
    const only = pinned && pinned.length > 0 ? indicesOf(infos, pinned) : undefined;
    const nodes = only ? Array.from(only, (i) => infos[i]) : infos;
    // A PreFilter that rejects the pod (conflicting terms; VolumeBinding's claims) gives every node its status.
    const preFilterMsg = pinned?.length === 0 ? TERMS_CONFLICT : volumeBindingPreFilter(this.ctx, pod);
    if (preFilterMsg) filters.splice(0, filters.length, pinned?.length === 0 ? nodeAffinityConflict : volumeBindingFilter);
    const want = numFeasibleNodesToFind(nodes.length, this.percentageOfNodesToScore);
    const start = nodes.length > 0 ? this.nextStartNodeIndex % nodes.length : 0;
    const rejected: Rejection[] = [];
    const feasible = this.feasible;
    findNodesThatPassFilters(pod, nodes, filters, start, want, feasible, rejected);
    const m = feasible.count;
    // The next cycle starts after the nodes looked at, counted round the whole cluster.
    if (commit && n > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + feasible.looked) % n;
    if (only) for (const r of rejected) r.idx = only[r.idx];
    // The decision's table: the feasible nodes' indices, then each plugin's normalised scores.
    const bytes = tableBytes(m, DEFAULT_SCORES.length);
    const slot = commit ? this.tables.take(bytes) : { buf: new ArrayBuffer(bytes), generation: 0 };
    if (commit) this.pendingSlot = slot;
    const table = new Int32Array(slot.buf, 0, m);
    table.set(feasible.idx.subarray(0, m));
    if (only) for (let j = 0; j < m; j++) table[j] = only[table[j]];
    this.scores.reserve(m);
    this.scores.prioritize(pod, feasible.nodes, m, { nodes: infos }, new Uint8Array(slot.buf, m * 4, m * DEFAULT_SCORES.length));
    const decision = decisionWithTable(`${pod.metadata.namespace}/${pod.metadata.name}`, this.ctx.clock.now, infos, rejected, slot, m, DEFAULT_SCORES, only);
    if (preFilterMsg) decision.preFilterMsg = preFilterMsg;
    // selectHost over the nodes filtered (ties in name order, from where this cycle started).
    const chosen = (): number => {
      const j = selectHost(this.feasible.idx, this.scores.totals, m, start, this.rr++);
      return only ? only[j] : j;
    };
    return { decision, feasible: m, chosen };
  }

  private scheduleOne(id: string): void {
    const [ns, name] = id.split('/');
    const pod = this.ctx.api.get<Pod>('Pod', ns, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const infos = this.withNominated(pod, this.cache.get());
    const { decision, feasible, chosen: pick } = this.run(pod, infos, true);
    if (feasible === 0) {
      // Preemption looks at the pods in store order, so take them straight from the apiserver —
      // unless no pod has a lower priority: then there is no victim to weigh, and a scan of
      // every pod for each of a thousand pending replicas would stall a big cluster.
      const view = this.cache.anyPodBelow(pod.spec.priority ?? 0) ? this.withNominated(pod, this.cache.fresh()) : infos;
      this.unschedulableOrPreempt(pod, decision, view);
      return;
    }
    const chosen = infos[pick()].node.metadata.name;
    decision.chosen = chosen;
    this.remember(decision);
    volumeBindingPreBind(this.ctx, pod, chosen, infos);
    pod.spec.nodeName = chosen;
    pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: isoAt(this.ctx.clock.now) }] };
    delete pod.status.nominatedNodeName;
    // The binding is stored, and so in the cache (its observer), before the next cycle.
    this.ctx.api.update(pod, ACTOR, 'binding');
    recordEvent(this.ctx, pod, 'Normal', 'Scheduled', `Successfully assigned ${id} to ${chosen}`, 'default-scheduler');
  }

  /**
   * PostFilter: the pod fits nowhere. DefaultPreemption may nominate a node and evict the
   * pods in the way; either way the pod waits among the unschedulable ones with the
   * FailedScheduling Event (FitError's text, plus preemption's when it could not help).
   */
  private unschedulableOrPreempt(pod: Pod, decision: SchedulingDecision, infos: NodeInfo[]): void {
    const prio = pod.spec.priority ?? 0;
    const post = defaultPreemption(pod, decision, infos);
    const base = unschedulableMessage(decision);
    this.unschedulable.add(decision.pod, prio, this.ctx.clock.now);
    if (post.wait) {
      decision.message = base;
      this.remember(decision);
      recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', base, 'default-scheduler');
      return;
    }
    const { pick } = post;
    if (pick) {
      decision.nominatedNode = pick.node;
      decision.victims = pick.victims.map((v) => `${v.metadata.namespace}/${v.metadata.name}`);
      decision.message = base;
      this.remember(decision);
      for (const v of pick.victims) {
        recordEvent(this.ctx, v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${pick.node}`, 'default-scheduler');
        this.ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, ACTOR);
      }
      this.markUnschedulable(pod, base, pick.node);
      recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', base, 'default-scheduler');
      return;
    }
    const parts: string[] = [];
    if (post.noVictims > 0) parts.push(`${post.noVictims} No preemption victims found for incoming pod`);
    if (post.notHelpful > 0) parts.push(`${post.notHelpful} Preemption is not helpful for scheduling`);
    decision.message = `${base} preemption: 0/${decision.nodes.length} nodes are available: ${parts.sort().join(', ')}.`;
    this.remember(decision);
    this.markUnschedulable(pod, decision.message, pod.status?.nominatedNodeName);
    recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
  }

  /**
   * PodScheduled=False with the FitError's message, and the nominated node. As updatePod in
   * kube-scheduler: a condition that says the same keeps its lastTransitionTime, and a status
   * that would not change is not written at all (a pod retried every 5 minutes stays as is).
   */
  private markUnschedulable(pod: Pod, message: string, nominatedNodeName: string | undefined): void {
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
    const same = old?.status === 'False' && old.reason === 'Unschedulable' && old.message === message;
    if (same && pod.status?.nominatedNodeName === nominatedNodeName && pod.status?.conditions?.length === 1) return;
    const lastTransitionTime = same && old.lastTransitionTime ? old.lastTransitionTime : isoAt(this.ctx.clock.now);
    pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastTransitionTime }] };
    if (nominatedNodeName) pod.status.nominatedNodeName = nominatedNodeName;
    else delete pod.status.nominatedNodeName;
    this.ctx.api.update(pod, ACTOR, 'status');
  }

  /** The last 200 decisions, oldest first. */
  get decisions(): SchedulingDecision[] {
    return [...this.recent.slice(this.oldest), ...this.recent.slice(0, this.oldest)];
  }

  private remember(d: SchedulingDecision): void {
    const slot = this.pendingSlot;
    this.pendingSlot = undefined;
    if (this.recent.length < KEPT_DECISIONS) {
      this.recent.push(d);
      this.recentSlots.push(slot);
    } else {
      // The oldest decision leaves: its table's memory serves the next pod.
      const dropped = this.recentSlots[this.oldest];
      if (dropped) this.tables.release(dropped);
      this.recent[this.oldest] = d;
      this.recentSlots[this.oldest] = slot;
      this.oldest = (this.oldest + 1) % KEPT_DECISIONS;
    }
  }
}

/** The positions of `names` (sorted) in the node list (sorted by name); names of nodes that do not exist are left out. */
function indicesOf(infos: readonly NodeInfo[], names: readonly string[]): Int32Array {
  const out: number[] = [];
  let lo = 0;
  for (const name of names) {
    let hi = infos.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (infos[mid].node.metadata.name < name) lo = mid + 1;
      else hi = mid;
    }
    if (lo < infos.length && infos[lo].node.metadata.name === name) out.push(lo);
  }
  return Int32Array.from(out);
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu." (FitError.Error). */
export function unschedulableMessage(d: SchedulingDecision): string {
  if (d.preFilterMsg) return `0/${d.nodes.length} nodes are available: ${d.preFilterMsg}.`;
  const counts = new Map<string, number>();
  for (const n of d.nodes) for (const r of n.reasons ?? (n.reason ? [n.reason] : [])) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].map(([r, c]) => `${c} ${r}`).sort();
  return `0/${d.nodes.length} nodes are available: ${parts.join(', ')}.`;
}
