/**
 * NodeResourcesBalancedAllocation: prefers nodes where cpu and memory would be used in the
 * same proportion. With the fractions f = requested / allocatable (capped at 1) of cpu and
 * memory, the score is (1 - |f_cpu - f_mem| / 2) * 100, truncated — the standard deviation
 * of two values. It counts the pods' actual requests (no 100m / 200Mi defaults).
 */
import type { Pod } from '../../api/types';
import type { NodeInfo, ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';
import { allocatable, requestedOnNode } from './nodeResourcesFit';
import { podRequests } from './resources';

export function balancedAllocationScore(pod: Pod, info: NodeInfo): number {
  const alloc = allocatable(info);
  const used = requestedOnNode(info, false);
  const want = podRequests(pod);
  const fractions: number[] = [];
  if (alloc.cpu > 0) fractions.push(Math.min(1, (used.cpu + want.cpu) / alloc.cpu));
  if (alloc.memory > 0) fractions.push(Math.min(1, (used.memory + want.memory) / alloc.memory));
  let std = 0;
  if (fractions.length === 2) std = Math.abs((fractions[0] - fractions[1]) / 2);
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score: balancedAllocationScore,
};
