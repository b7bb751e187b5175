/** Score plugins: NodeResourcesFit (LeastAllocated) and NodeResourcesBalancedAllocation. */
import type { ScorePlugin, NodeInfo } from '../types';
import type { Pod } from '../../api/types';
import { bytes, milliCpu, nonZeroRequests } from './resources';

function fractions(pod: Pod, info: NodeInfo): { cpu: number; memory: number } {
  const alloc = info.node.status?.allocatable ?? {};
  const cap = { cpu: milliCpu(alloc.cpu) || 1, memory: bytes(alloc.memory) || 1 };
  const used = nonZeroRequests(pod);
  for (const p of info.pods) {
    const r = nonZeroRequests(p);
    used.cpu += r.cpu;
    used.memory += r.memory;
  }
  return { cpu: Math.min(1, used.cpu / cap.cpu), memory: Math.min(1, used.memory / cap.memory) };
}

/** LeastAllocated: ((capacity - requested) / capacity) * 100, averaged over cpu and memory. */
export const leastAllocated: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score: (pod, info) => {
    const f = fractions(pod, info);
    return Math.floor((((1 - f.cpu) * 100 + (1 - f.memory) * 100) / 2));
  },
};

/** BalancedAllocation: (1 - standard deviation of the fractions) * 100. */
export const balancedAllocation: ScorePlugin = {
  name: 'NodeResourcesBalancedAllocation',
  weight: 1,
  score: (pod, info) => {
    const f = fractions(pod, info);
    const mean = (f.cpu + f.memory) / 2;
    const sd = Math.sqrt(((f.cpu - mean) ** 2 + (f.memory - mean) ** 2) / 2);
    return Math.floor((1 - sd) * 100);
  },
};

export const DEFAULT_SCORES: ScorePlugin[] = [leastAllocated, balancedAllocation];
