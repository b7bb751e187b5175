/**
 * kube-scheduler: watches pods without a node and schedules them one at a time, highest
 * priority first. Each cycle runs every filter plugin on the nodes (stopping once
 * percentageOfNodesToScore of a large cluster is feasible), scores the feasible nodes with
 * every score plugin, normalises, weights and sums the scores, picks the highest (ties in
 * round robin) and binds the pod through the apiserver. A pod that fits nowhere may preempt
 * lower-priority pods; otherwise it gets the FailedScheduling event with the real text.
 * Each decision is kept so the UI can show why a pod went where.
 */
import type { Node, Pod } from '../api/types';
import { recordEvent, type SimContext } from '../sim/context';
import { isoAt } from '../sim/time';
import { DEFAULT_FILTERS, DEFAULT_SCORES } from './plugins';
import type { CycleState, NodeInfo, SchedulingDecision } from './types';

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

type Row = SchedulingDecision['nodes'][number];

export class Scheduler {
  decisions: SchedulingDecision[] = [];
  /** 0 = the adaptive default; a scenario may set it like the KubeSchedulerConfiguration field. */
  percentageOfNodesToScore = 0;
  private queue: string[] = [];
  private unschedulable = new Set<string>();
  private rr = 0;
  private nextStartNodeIndex = 0;
  private busy = false;

  constructor(private readonly ctx: SimContext) {}

  start(): void {
    this.ctx.api.watch('Pod', ACTOR, (type, obj) => {
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
      this.enqueue(id);
    });
    // A node change (a new node, a removed taint) may make waiting pods schedulable.
    this.ctx.api.watch('Node', ACTOR, () => this.retryUnschedulable());
  }

  private retryUnschedulable(): void {
    for (const id of this.unschedulable) this.enqueue(id);
    this.unschedulable.clear();
  }

  private enqueue(id: string): void {
    if (!this.queue.includes(id)) this.queue.push(id);
    if (!this.busy) {
      this.busy = true;
      this.ctx.clock.schedule(CYCLE_MS, ACTOR, () => this.cycle());
    }
  }

  /** PrioritySort: the highest priority first, then first in first out. */
  private popNext(): string | undefined {
    let best = -1;
    let bestPrio = -Infinity;
    this.queue.forEach((id, i) => {
      const [ns, name] = id.split('/');
      const prio = (this.ctx.api.peekAll('Pod') as Pod[]).find((p) => p.metadata.namespace === ns && p.metadata.name === name)?.spec.priority ?? 0;
      if (prio > bestPrio) {
        bestPrio = prio;
        best = i;
      }
    });
    return best >= 0 ? this.queue.splice(best, 1)[0] : undefined;
  }

  private cycle(): void {
    const id = this.popNext();
    if (id) this.scheduleOne(id);
    if (this.queue.length > 0) this.ctx.clock.schedule(CYCLE_MS, ACTOR, () => this.cycle());
    else this.busy = false;
  }

  nodeInfos(): NodeInfo[] {
    const pods = (this.ctx.api.peekAll('Pod') as Pod[]).filter((p) => p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    return (this.ctx.api.peekAll('Node') as Node[])
      .slice()
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
      .map((node) => ({ node, pods: pods.filter((p) => p.spec.nodeName === node.metadata.name), images: this.ctx.runtimes.get(node.metadata.name)?.images ?? [] }));
  }

  /**
   * addNominatedPods: resources a preemptor has been promised on its nominated node count as
   * taken for pods of lower or equal priority, so a replacement pod cannot grab them.
   */
  private withNominated(pod: Pod, infos: NodeInfo[]): NodeInfo[] {
    const prio = pod.spec.priority ?? 0;
    const nominated = (this.ctx.api.peekAll('Pod') as Pod[]).filter((p) => !p.spec.nodeName && p.status?.nominatedNodeName && p.metadata.uid !== pod.metadata.uid && (p.spec.priority ?? 0) >= prio);
    if (nominated.length === 0) return infos;
    return infos.map((i) => ({ ...i, pods: [...i.pods, ...nominated.filter((p) => p.status!.nominatedNodeName === i.node.metadata.name)] }));
  }

  /** Runs the filters on one node: the failing plugin and its reasons, or undefined. */
  static filter(pod: Pod, info: NodeInfo): { plugin: string; reasons: string[]; resolvable: boolean } | undefined {
    for (const f of DEFAULT_FILTERS) {
      const reasons = f.filter(pod, info);
      if (reasons) return { plugin: f.name, reasons, resolvable: f.resolvable };
    }
    return undefined;
  }

  /**
   * Filters and scores the nodes for a pod, without binding (the UI's "why" table). Only a
   * real scheduling cycle (`commit`) moves the round-robin start index, so a look from the
   * UI never changes what happens next.
   */
  evaluate(pod: Pod, infos = this.nodeInfos(), commit = false): SchedulingDecision {
    const decision: SchedulingDecision = { pod: `${pod.metadata.namespace}/${pod.metadata.name}`, t: this.ctx.clock.now, nodes: [] };
    const want = numFeasibleNodesToFind(infos.length, this.percentageOfNodesToScore);
    const start = infos.length > 0 ? this.nextStartNodeIndex % infos.length : 0;
    const rows: Row[] = infos.map((i) => ({ node: i.node.metadata.name, scores: {}, total: 0, skipped: true }));
    const feasible: number[] = [];
    let processed = 0;
    for (let k = 0; k < infos.length && feasible.length < want; k++) {
      const idx = (start + k) % infos.length;
      const row = rows[idx];
      delete row.skipped;
      processed++;
      const f = Scheduler.filter(pod, infos[idx]);
      if (f) {
        row.rejectedBy = f.plugin;
        row.reasons = f.reasons;
        row.reason = f.reasons.join(', ');
      } else feasible.push(idx);
    }
    if (commit && infos.length > 0) this.nextStartNodeIndex = (start + processed) % infos.length;
    const state: CycleState = { nodes: infos };
    for (const s of DEFAULT_SCORES) {
      const raw = feasible.map((idx) => s.score(pod, infos[idx], state));
      const norm = s.normalize ? s.normalize(raw) : raw;
      feasible.forEach((idx, j) => {
        rows[idx].scores[s.name] = norm[j];
        rows[idx].total += norm[j] * s.weight;
      });
    }
    decision.nodes = rows.filter((r) => !r.skipped || infos.length >= MIN_FEASIBLE_NODES);
    return decision;
  }

  private scheduleOne(id: string): void {
    const [ns, name] = id.split('/');
    const pod = this.ctx.api.get<Pod>('Pod', ns, name);
    if (!pod || pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const infos = this.withNominated(pod, this.nodeInfos());
    const decision = this.evaluate(pod, infos, true);
    const feasible = decision.nodes.filter((r) => !r.rejectedBy && !r.skipped);
    if (feasible.length === 0) {
      this.unschedulableOrPreempt(pod, decision, infos);
      return;
    }
    const best = Math.max(...feasible.map((f) => f.total));
    const tied = feasible.filter((f) => f.total === best);
    const chosen = tied[this.rr++ % tied.length].node;
    decision.chosen = chosen;
    this.remember(decision);
    pod.spec.nodeName = chosen;
    pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: isoAt(this.ctx.clock.now) }] };
    delete pod.status.nominatedNodeName;
    this.ctx.api.update(pod, ACTOR, 'binding');
    recordEvent(this.ctx, pod, 'Normal', 'Scheduled', `Successfully assigned ${id} to ${chosen}`, 'default-scheduler');
  }

  /**
   * DefaultPreemption (PostFilter): on nodes where only resources are missing, remove every
   * pod with a lower priority; if the incoming pod then fits, give back (most important
   * first) each one it still fits beside, so only the pods in its way are victims. Pick the
   * node whose most important victim is least important (then fewest victims). A pod whose
   * earlier victims are still terminating on its nominated node waits for them instead.
   */
  private unschedulableOrPreempt(pod: Pod, decision: SchedulingDecision, infos: NodeInfo[]): void {
    const prio = pod.spec.priority ?? 0;
    const candidates: { node: string; victims: Pod[] }[] = [];
    const notHelpful: string[] = [];
    const noVictims: string[] = [];
    const nominated = infos.find((i) => i.node.metadata.name === pod.status?.nominatedNodeName);
    const waiting = nominated?.pods.some((p) => p.metadata.deletionTimestamp && (p.spec.priority ?? 0) < prio);
    for (const row of decision.nodes) {
      const info = infos.find((i) => i.node.metadata.name === row.node)!;
      const f = Scheduler.filter(pod, info);
      if (!f || !f.resolvable || pod.spec.preemptionPolicy === 'Never' || waiting) {
        notHelpful.push(row.node);
        continue;
      }
      const lower = info.pods.filter((p) => (p.spec.priority ?? 0) < prio && !p.metadata.deletionTimestamp && p.spec.nodeName === row.node);
      let kept = info.pods.filter((p) => !lower.includes(p));
      if (Scheduler.filter(pod, { ...info, pods: kept })) {
        noVictims.push(row.node);
        continue;
      }
      const victims: Pod[] = [];
      for (const v of [...lower].sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0))) {
        if (Scheduler.filter(pod, { ...info, pods: [...kept, v] })) victims.push(v);
        else kept = [...kept, v];
      }
      candidates.push({ node: row.node, victims });
    }
    if (waiting) {
      decision.message = unschedulableMessage(decision);
      this.remember(decision);
      this.unschedulable.add(decision.pod);
      recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
      return;
    }
    const total = decision.nodes.length;
    const base = unschedulableMessage(decision);
    if (candidates.length > 0 && pod.spec.preemptionPolicy !== 'Never') {
      const maxPrio = (c: { victims: Pod[] }): number => Math.max(...c.victims.map((v) => v.spec.priority ?? 0));
      candidates.sort((a, b) => maxPrio(a) - maxPrio(b) || a.victims.length - b.victims.length || (a.node < b.node ? -1 : 1));
      const pick = candidates[0];
      decision.nominatedNode = pick.node;
      decision.victims = pick.victims.map((v) => `${v.metadata.namespace}/${v.metadata.name}`);
      decision.message = base;
      this.remember(decision);
      for (const v of pick.victims) {
        recordEvent(this.ctx, v, 'Normal', 'Preempted', `Preempted by pod ${pod.metadata.uid} on node ${pick.node}`, 'default-scheduler');
        this.ctx.api.delete('Pod', v.metadata.namespace, v.metadata.name, ACTOR);
      }
      pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', nominatedNodeName: pick.node, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: base, lastTransitionTime: isoAt(this.ctx.clock.now) }] };
      this.ctx.api.update(pod, ACTOR, 'status');
      recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', base, 'default-scheduler');
      this.unschedulable.add(decision.pod);
      return;
    }
    const parts: string[] = [];
    if (noVictims.length > 0) parts.push(`${noVictims.length} No preemption victims found for incoming pod`);
    if (notHelpful.length > 0) parts.push(`${notHelpful.length} Preemption is not helpful for scheduling`);
    decision.message = `${base} preemption: 0/${total} nodes are available: ${parts.sort().join(', ')}.`;
    this.remember(decision);
    this.unschedulable.add(decision.pod);
    pod.status = { ...(pod.status ?? { phase: 'Pending' }), phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: decision.message, lastTransitionTime: isoAt(this.ctx.clock.now) }] };
    this.ctx.api.update(pod, ACTOR, 'status');
    recordEvent(this.ctx, pod, 'Warning', 'FailedScheduling', decision.message, 'default-scheduler');
  }

  private remember(d: SchedulingDecision): void {
    this.decisions.push(d);
    if (this.decisions.length > 200) this.decisions.shift();
  }
}

/** "0/3 nodes are available: 1 node(s) had untolerated taint {...}, 2 Insufficient cpu." (FitError.Error). */
export function unschedulableMessage(d: SchedulingDecision): string {
  const counts = new Map<string, number>();
  for (const n of d.nodes) for (const r of n.reasons ?? (n.reason ? [n.reason] : [])) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts.entries()].map(([r, c]) => `${c} ${r}`).sort();
  return `0/${d.nodes.length} nodes are available: ${parts.join(', ')}.`;
}
