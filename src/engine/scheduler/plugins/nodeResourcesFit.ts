/**
 * NodeResourcesFit: the filter checks the pod's requests (with init containers) against the
 * node's allocatable minus what the pods already there request; the score is the
 * LeastAllocated strategy on cpu and memory (weights 1 and 1), counting a container without
 * requests as 100m / 200Mi:
 *   score(resource) = (allocatable - requested) * 100 / allocatable   (integer division)
 *   score = sum(score(resource) * weight) / sum(weight)
 */
import type { Pod } from '../../api/types';
import { upToDate } from '../nodeInfo';
import type { CurrentNodeInfo, FilterPlugin, NodeInfo, ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';
import { nonZeroRequests, podRequests, type Requests } from './resources';

// The plugins' loops take the pod's requests (`want`) once per cycle, not once per node.
function fit(want: Requests, info: CurrentNodeInfo): string[] | undefined {
  const tooMany = info.podCount + 1 > info.allocPods;
  const cpu = want.cpu > 0 && info.requestedCpu + want.cpu > info.allocCpu;
  const memory = want.memory > 0 && info.requestedMemory + want.memory > info.allocMemory;
  // The reasons are built only for a node that does not fit.
  if (!tooMany && !cpu && !memory) return undefined;
  const reasons: string[] = [];
  if (tooMany) reasons.push('Too many pods');
  if (cpu) reasons.push('Insufficient cpu');
  if (memory) reasons.push('Insufficient memory');
  return reasons;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  resolvable: true,
  filter: (pod, info) => fit(podRequests(pod), upToDate(info)),
  filterNodes: (pod, nodes, idx, from, to, rejected) => {
    const want = podRequests(pod);
    let kept = from;
    for (let i = from; i < to; i++) {
      const reasons = fit(want, nodes[i]);
      if (reasons) rejected.push({ idx: idx[i], plugin: 'NodeResourcesFit', reasons });
      else {
        nodes[kept] = nodes[i];
        idx[kept++] = idx[i];
      }
    }
    return kept;
  },
};

/** Read once: in Node (tsx's CommonJS) every read of an imported binding is a getter call, and this runs per pod per node. */
const MAX_SCORE = MAX_NODE_SCORE;

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_SCORE) / capacity);
}

/** LeastAllocated, exactly as the scheduler computes it. */
export function leastAllocatedScore(pod: Pod, info: NodeInfo): number {
  return leastAllocated(nonZeroRequests(pod), upToDate(info));
}

function leastAllocated(want: Requests, info: CurrentNodeInfo): number {
  const cpu = leastRequested(info.nonZeroCpu + want.cpu, info.allocCpu);
  const mem = leastRequested(info.nonZeroMemory + want.memory, info.allocMemory);
  return Math.trunc((cpu * 1 + mem * 1) / 2);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score: leastAllocatedScore,
  scoreNodes: (pod, nodes, n, out) => {
    const want = nonZeroRequests(pod);
    for (let i = 0; i < n; i++) out[i] = leastAllocated(want, nodes[i]);
  },
};
