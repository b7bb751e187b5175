/**
 * What the framework's NodeInfo precomputes (pkg/scheduler/framework/types.go): the node's
 * allocatable and taints parsed once, and the sums of its pods' requests kept up to date as
 * pods are added, so a Filter or Score on one node is a few number comparisons.
 *
 * The fields live on the NodeInfo itself, tagged with what they were computed from (the Node
 * object; the pods array). Objects and arrays are replaced, never edited, so a copy with
 * other pods (`{ ...info, pods }`, as preemption makes) recomputes its sums instead of
 * trusting stale ones, and a NodeInfo written by hand (tests) works without the cache.
 */
import type { Pod, Taint } from '../api/types';
import { bytes, milliCpu, nonZeroRequests, podRequests } from './plugins/resources';
import type { CurrentNodeInfo, NodeFacts, NodeInfo, PodSums } from './types';

const NONE: readonly Taint[] = [];

/** Allocatable (milli-cpu, bytes, pod count), cordon and taints by effect, parsed once per Node object. */
export function nodeFacts(info: NodeInfo): NodeInfo & NodeFacts {
  // Kept tiny so it is inlined into every plugin; the parsing is out of line.
  return info.factsOf === info.node ? (info as NodeInfo & NodeFacts) : parseFacts(info);
}

function parseFacts(info: NodeInfo): NodeInfo & NodeFacts {
  const node = info.node;
  const a = node.status?.allocatable ?? {};
  const taints = node.spec.taints ?? NONE;
  info.allocCpu = milliCpu(a.cpu);
  info.allocMemory = bytes(a.memory);
  info.allocPods = Number(a.pods ?? 110);
  info.unschedulable = !!node.spec.unschedulable;
  // Node order is kept: the filter names the first untolerated taint, as the real one does.
  info.noSchedule = taints.some((t) => t.effect !== 'PreferNoSchedule') ? taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute') : NONE;
  info.preferNoSchedule = taints.some((t) => t.effect === 'PreferNoSchedule') ? taints.filter((t) => t.effect === 'PreferNoSchedule') : NONE;
  info.factsOf = node;
  return info as NodeInfo & NodeFacts;
}

/** Both of the above: the node's facts and sums brought up to date, for a plugin to read. */
export function upToDate(info: NodeInfo): CurrentNodeInfo {
  nodeFacts(info);
  return podSums(info) as CurrentNodeInfo;
}

/** Requested and NonZeroRequested (with the 100m / 200Mi scoring defaults) over the node's pods. */
export function podSums(info: NodeInfo): NodeInfo & PodSums {
  return info.sumsOf === info.pods ? (info as NodeInfo & PodSums) : sumPods(info);
}

function sumPods(info: NodeInfo): NodeInfo & PodSums {
  info.requestedCpu = 0;
  info.requestedMemory = 0;
  info.nonZeroCpu = 0;
  info.nonZeroMemory = 0;
  for (const p of info.pods) addRequests(info as NodeInfo & PodSums, p);
  info.podCount = info.pods.length;
  info.sumsOf = info.pods;
  return info as NodeInfo & PodSums;
}

function addRequests(sums: PodSums, pod: Pod): void {
  const r = podRequests(pod);
  const nz = nonZeroRequests(pod);
  sums.requestedCpu += r.cpu;
  sums.requestedMemory += r.memory;
  sums.nonZeroCpu += nz.cpu;
  sums.nonZeroMemory += nz.memory;
}

/**
 * NodeInfo.AddPod: the pod joins the node's list (in place: a copy per pod bound would cost
 * O(pods on the node) and garbage; the cycle's copies — nominated pods, preemption — have
 * their own arrays) and the sums move by its requests instead of being summed again.
 */
export function addPod(info: NodeInfo, pod: Pod): void {
  const valid = info.sumsOf === info.pods;
  info.pods.push(pod);
  if (!valid) return;
  addRequests(info as NodeInfo & PodSums, pod);
  info.podCount = info.pods.length;
}

/**
 * NodeInfo.RemovePod: the pod leaves the list in place (the NodeInfo's array is the cache's
 * own); the sums are summed again on the next look, as they would be after a rebuild.
 */
export function removePod(info: NodeInfo, pod: Pod): void {
  const i = info.pods.indexOf(pod);
  if (i < 0) return;
  info.pods.splice(i, 1);
  info.sumsOf = undefined;
}

/**
 * NodeInfo.UpdatePod: the pod's new version (mostly a kubelet's status write) takes the old
 * one's place; the sums stand unless its requests changed (an in-place resize).
 */
export function updatePod(info: NodeInfo, old: Pod, pod: Pod): void {
  const i = info.pods.indexOf(old);
  if (i < 0) return addPod(info, pod);
  info.pods[i] = pod;
  if (info.sumsOf === info.pods && !sameRequests(old, pod)) info.sumsOf = undefined;
}

function sameRequests(a: Pod, b: Pod): boolean {
  const ra = podRequests(a);
  const rb = podRequests(b);
  if (ra.cpu !== rb.cpu || ra.memory !== rb.memory) return false;
  const na = nonZeroRequests(a);
  const nb = nonZeroRequests(b);
  return na.cpu === nb.cpu && na.memory === nb.memory;
}
