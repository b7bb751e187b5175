/**
 * What the framework's NodeInfo precomputes (pkg/scheduler/framework/types.go): the node's
 * allocatable and taints parsed once, and the sums of its pods' requests kept up to date as
 * pods are added, so a Filter or Score on one node is a few number comparisons.
 *
 * Both are memos stored on the NodeInfo and tagged with what they were computed from (the
 * Node object; the pods array). Objects and arrays are replaced, never edited, so a copy with
 * other pods (`{ ...info, pods }`, as preemption makes) recomputes instead of trusting a
 * stale sum, and a NodeInfo written by hand (tests) works without the cache.
 */
import type { Pod, Taint } from '../api/types';
import { bytes, milliCpu, nonZeroRequests, podRequests } from './plugins/resources';
import type { NodeFacts, NodeInfo, PodSums } from './types';

const NONE: readonly Taint[] = [];

/** Allocatable (milli-cpu, bytes, pod count), cordon and taints by effect, parsed once per Node object. */
export function nodeFacts(info: NodeInfo): NodeFacts {
  const memo = info.facts;
  if (memo && memo.node === info.node) return memo;
  const node = info.node;
  const a = node.status?.allocatable ?? {};
  const taints = node.spec.taints ?? NONE;
  const facts: NodeFacts = {
    node,
    cpu: milliCpu(a.cpu),
    memory: bytes(a.memory),
    pods: Number(a.pods ?? 110),
    unschedulable: !!node.spec.unschedulable,
    // Node order is kept: the filter names the first untolerated taint, as the real one does.
    noSchedule: taints.some((t) => t.effect !== 'PreferNoSchedule') ? taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute') : NONE,
    preferNoSchedule: taints.some((t) => t.effect === 'PreferNoSchedule') ? taints.filter((t) => t.effect === 'PreferNoSchedule') : NONE,
  };
  info.facts = facts;
  return facts;
}

/** Requested and NonZeroRequested (with the 100m / 200Mi scoring defaults) over the node's pods. */
export function podSums(info: NodeInfo): PodSums {
  const memo = info.sums;
  if (memo && memo.pods === info.pods) return memo;
  const sums: PodSums = { pods: info.pods, cpu: 0, memory: 0, nonZeroCpu: 0, nonZeroMemory: 0 };
  for (const p of info.pods) addRequests(sums, p);
  info.sums = sums;
  return sums;
}

function addRequests(sums: PodSums, pod: Pod): void {
  const r = podRequests(pod);
  const nz = nonZeroRequests(pod);
  sums.cpu += r.cpu;
  sums.memory += r.memory;
  sums.nonZeroCpu += nz.cpu;
  sums.nonZeroMemory += nz.memory;
}

/**
 * NodeInfo.AddPod: the pod joins the node (a new array, so anyone holding the old list keeps
 * a consistent view) and the sums move by its requests instead of being summed again.
 */
export function addPod(info: NodeInfo, pod: Pod): void {
  const before = info.sums && info.sums.pods === info.pods ? info.sums : undefined;
  info.pods = [...info.pods, pod];
  if (!before) return;
  const sums: PodSums = { ...before, pods: info.pods };
  addRequests(sums, pod);
  info.sums = sums;
}
