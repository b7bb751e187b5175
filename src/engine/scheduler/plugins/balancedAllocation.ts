/**
 * NodeResourcesBalancedAllocation: prefers nodes where cpu and memory would be used in the
 * same proportion. With the fractions f = requested / allocatable (capped at 1) of cpu and
 * memory, the score is (1 - |f_cpu - f_mem| / 2) * 100, truncated — the standard deviation
 * of two values. It counts the pods' actual requests (no 100m / 200Mi defaults).
 */
import type { Pod } from '../../api/types';
import { upToDate } from '../nodeInfo';
import type { CurrentNodeInfo, NodeInfo, ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';
import { podRequests, type Requests } from './resources';

/** Read once: in Node (tsx's CommonJS) every read of an imported binding is a getter call, and this runs per pod per node. */
const MAX_SCORE = MAX_NODE_SCORE;

export function balancedAllocationScore(pod: Pod, info: NodeInfo): number {
  return balanced(podRequests(pod), upToDate(info));
}

function balanced(want: Requests, info: CurrentNodeInfo): number {
  // The standard deviation of the two fractions is |a - b| / 2; with one resource it is 0.
  let std = 0;
  if (info.allocCpu > 0 && info.allocMemory > 0) {
    const cpu = Math.min(1, (info.requestedCpu + want.cpu) / info.allocCpu);
    const memory = Math.min(1, (info.requestedMemory + want.memory) / info.allocMemory);
    std = Math.abs((cpu - memory) / 2);
  }
  return Math.trunc((1 - std) * MAX_SCORE);
}

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score: balancedAllocationScore,
  scoreNodes: (pod, nodes, n, out) => {
    // The pod's requests once per cycle, not once per node.
    const want = podRequests(pod);
    for (let i = 0; i < n; i++) out[i] = balanced(want, nodes[i]);
  },
};
