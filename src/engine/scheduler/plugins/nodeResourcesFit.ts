/**
 * NodeResourcesFit: the filter checks the pod's requests (with init containers) against the
 * node's allocatable minus what the pods already there request; the score is the
 * LeastAllocated strategy on cpu and memory (weights 1 and 1), counting a container without
 * requests as 100m / 200Mi:
 *   score(resource) = (allocatable - requested) * 100 / allocatable   (integer division)
 *   score = sum(score(resource) * weight) / sum(weight)
 */
import type { Pod } from '../../api/types';
import type { FilterPlugin, NodeInfo, ScorePlugin } from '../types';
import { MAX_NODE_SCORE } from '../types';
import { bytes, milliCpu, nonZeroRequests, podRequests, type Requests } from './resources';

// NodeInfo.Requested / NonZeroRequested / Allocatable live on the NodeInfo, tagged with the
// pod list and Node object they were computed from (lists are replaced, never edited).
export function allocatable(info: NodeInfo): Requests & { pods: number } {
  const memo = info.alloc;
  if (memo && memo.node === info.node) return memo;
  const a = info.node.status?.allocatable ?? {};
  const r = { node: info.node, cpu: milliCpu(a.cpu), memory: bytes(a.memory), pods: Number(a.pods ?? 110) };
  info.alloc = r;
  return r;
}

export function requestedOnNode(info: NodeInfo, nonZero: boolean): Requests {
  let sums = info.sums;
  if (!sums || sums.pods !== info.pods) info.sums = sums = { pods: info.pods };
  const hit = nonZero ? sums.nonZero : sums.requested;
  if (hit) return hit;
  const r = { cpu: 0, memory: 0 };
  for (const p of info.pods) {
    const q = nonZero ? nonZeroRequests(p) : podRequests(p);
    r.cpu += q.cpu;
    r.memory += q.memory;
  }
  if (nonZero) sums.nonZero = r;
  else sums.requested = r;
  return r;
}

export function fitReasons(pod: Pod, info: NodeInfo): string[] {
  const alloc = allocatable(info);
  const reasons: string[] = [];
  if (info.pods.length + 1 > alloc.pods) reasons.push('Too many pods');
  const want = podRequests(pod);
  const used = requestedOnNode(info, false);
  if (want.cpu > 0 && used.cpu + want.cpu > alloc.cpu) reasons.push('Insufficient cpu');
  if (want.memory > 0 && used.memory + want.memory > alloc.memory) reasons.push('Insufficient memory');
  return reasons;
}

export const nodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  resolvable: true,
  filter: (pod, info) => {
    const r = fitReasons(pod, info);
    return r.length > 0 ? r : undefined;
  },
};

function leastRequested(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** LeastAllocated, exactly as the scheduler computes it. */
export function leastAllocatedScore(pod: Pod, info: NodeInfo): number {
  const alloc = allocatable(info);
  const used = requestedOnNode(info, true);
  const want = nonZeroRequests(pod);
  const cpu = leastRequested(used.cpu + want.cpu, alloc.cpu);
  const mem = leastRequested(used.memory + want.memory, alloc.memory);
  return Math.trunc((cpu * 1 + mem * 1) / 2);
}

export const nodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score: leastAllocatedScore,
};
