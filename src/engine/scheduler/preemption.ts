/**
 * DefaultPreemption, the PostFilter plugin: when a pod fits nowhere, find the node where
 * evicting lower-priority pods would let it in, and which pods those are. The scheduler then
 * deletes the victims and nominates the node (see Scheduler.unschedulableOrPreempt).
 */
import type { Pod } from '../api/types';
import { NOT_IN_PREFILTER_RESULT } from './decisionTable';
import { filterOne } from './feasible';
import type { NodeInfo, SchedulingDecision } from './types';

export type PreemptionResult =
  /** Earlier victims are still terminating on the pod's nominated node: it waits for them. */
  | { wait: true }
  /** The node to nominate and its victims (none: preemption cannot help), with the counts for the message. */
  | { wait: false; pick: { node: string; victims: Pod[] } | undefined; noVictims: number; notHelpful: number };

/**
 * On nodes where only resources are missing (a resolvable filter failed), remove every pod
 * with a lower priority; if the incoming pod then fits, give back (most important first) each
 * one it still fits beside, so only the pods in its way are victims. Pick the node whose most
 * important victim is least important (then fewest victims, then name).
 */
export function defaultPreemption(pod: Pod, decision: SchedulingDecision, infos: readonly NodeInfo[]): PreemptionResult {
  const prio = pod.spec.priority ?? 0;
  const byName = new Map(infos.map((i) => [i.node.metadata.name, i]));
  const nominated = byName.get(pod.status?.nominatedNodeName ?? '');
  if (nominated?.pods.some((p) => p.metadata.deletionTimestamp && (p.spec.priority ?? 0) < prio)) return { wait: true };
  const candidates: { node: string; victims: Pod[] }[] = [];
  let notHelpful = 0;
  let noVictims = 0;
  for (const row of decision.nodes) {
    // Nodes outside a PreFilterResult are UnschedulableAndUnresolvable without a look.
    const info = byName.get(row.node)!;
    const f = row.reasons === NOT_IN_PREFILTER_RESULT ? undefined : filterOne(pod, info);
    if (!f || !f.resolvable || pod.spec.preemptionPolicy === 'Never') {
      notHelpful++;
      continue;
    }
    const lower = info.pods.filter((p) => (p.spec.priority ?? 0) < prio && !p.metadata.deletionTimestamp && p.spec.nodeName === row.node);
    let kept = info.pods.filter((p) => !lower.includes(p));
    // Without lower-priority pods the node stays as it is, and the pod did not fit it.
    if (lower.length === 0 || filterOne(pod, { ...info, pods: kept })) {
      noVictims++;
      continue;
    }
    const victims: Pod[] = [];
    for (const v of [...lower].sort((a, b) => (b.spec.priority ?? 0) - (a.spec.priority ?? 0))) {
      if (filterOne(pod, { ...info, pods: [...kept, v] })) victims.push(v);
      else kept = [...kept, v];
    }
    candidates.push({ node: row.node, victims });
  }
  if (candidates.length === 0 || pod.spec.preemptionPolicy === 'Never') return { wait: false, pick: undefined, noVictims, notHelpful };
  const maxPrio = (c: { victims: Pod[] }): number => Math.max(...c.victims.map((v) => v.spec.priority ?? 0));
  candidates.sort((a, b) => maxPrio(a) - maxPrio(b) || a.victims.length - b.victims.length || (a.node < b.node ? -1 : 1));
  return { wait: false, pick: candidates[0], noVictims, notHelpful };
}
