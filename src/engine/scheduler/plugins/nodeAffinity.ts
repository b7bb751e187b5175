/**
 * NodeAffinity: the filter applies nodeSelector and requiredDuringScheduling node affinity
 * (terms ORed, expressions ANDed, matchFields on metadata.name); the score adds the weights
 * of the preferredDuringScheduling terms the node matches, normalised so the best is 100.
 */
import type { Pod } from '../../api/types';
import type { FilterPlugin, NodeInfo, ScorePlugin } from '../types';
import { defaultNormalize } from '../types';
import { nodeMatchesPod, termMatches } from './helpers';

/**
 * One array for every node this filter rejects (read only): a DaemonSet pod is rejected by
 * all nodes but its own, and the scheduler keeps its last 200 decisions (~6 MB at 1,000 nodes
 * as an array per node).
 */
const NOT_MATCHED = ["node(s) didn't match Pod's node affinity/selector"];

export const nodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  resolvable: false,
  // Skip unless the pod has a nodeSelector or required terms (an empty term list matches no node).
  preFilter: (pod) => pod.spec.nodeSelector !== undefined || pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution !== undefined,
  filter: (pod, info) => (nodeMatchesPod(pod, info.node) ? undefined : NOT_MATCHED),
};

/** The summed weights of the preferred terms the node matches. */
function preferredWeight(pod: Pod, info: NodeInfo): number {
  return (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).reduce((s, p) => s + (termMatches(p.preference, info.node) ? p.weight : 0), 0);
}

export const nodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore: (pod) => (pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0,
  score: preferredWeight,
  scoreNodes: (pod, nodes, n, out) => {
    for (let i = 0; i < n; i++) out[i] = preferredWeight(pod, nodes[i]);
  },
  normalize: (scores, n) => defaultNormalize(scores, false, n),
};

/** PreFilter's status when every term pins the pod to names that cannot all hold (errReasonConflict). */
export const TERMS_CONFLICT = 'pod affinity terms conflict';

/**
 * NodeAffinity's PreFilterResult: the node names the pod's required terms pin it to with
 * `matchFields: metadata.name In [...]` — how the DaemonSet controller places its pods — so
 * the framework filters only those nodes instead of the whole cluster. Names are ANDed within
 * a term and ORed across terms; a term without such a field allows every node (undefined). An
 * empty list means the terms conflict and no node can match. Sorted, as the node list is.
 */
export function nodeAffinityPreFilterResult(pod: Pod): string[] | undefined {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  if (!terms || terms.length === 0) return undefined;
  const names = new Set<string>();
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const values = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((v) => values.has(v))) : values;
    }
    if (!termNames) return undefined;
    for (const n of termNames) names.add(n);
  }
  return [...names].sort();
}

/** Stands in for the filters when the pod's terms conflict: every node gets PreFilter's status. */
export const nodeAffinityConflict: FilterPlugin = { name: 'NodeAffinity', resolvable: false, filter: () => [TERMS_CONFLICT] };
