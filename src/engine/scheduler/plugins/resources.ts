/** The scheduler's view of pod requests (with its non-zero defaults for scoring). */
import type { Pod } from '../../api/types';
import { bytes, milliCpu } from '../../api/quantity';

export { bytes, milliCpu };

export interface Requests {
  cpu: number;
  memory: number;
}

/**
 * The effective request of a pod: the sum over app containers, or the largest init
 * container's request if that is bigger (init containers run one at a time).
 */
// Pods in the apiserver's cache are replaced on update, never edited, so a bound pod's
// requests can be parsed once (the cache sums them again on every rebuild). A pod being
// scheduled is the scheduler's own copy, used for one cycle: the one-entry cache below serves
// it, and keeping it in a WeakMap would only cost an ephemeron per pod for the GC to trace.
const requestsMemo = new WeakMap<Pod, Requests>();
const nonZeroMemo = new WeakMap<Pod, Requests>();

// The pod being scheduled is asked about once per node: a one-entry cache in front of the map.
let lastPod: Pod | undefined;
let lastRequests: Requests | undefined;
let lastNonZeroPod: Pod | undefined;
let lastNonZero: Requests | undefined;

export function podRequests(pod: Pod): Requests {
  if (pod === lastPod) return lastRequests!;
  let r = requestsMemo.get(pod);
  if (!r) {
    r = computeRequests(pod);
    if (pod.spec.nodeName) requestsMemo.set(pod, r);
  }
  lastPod = pod;
  lastRequests = r;
  return r;
}

// Every pod of a Deployment asks for the same few quantities: parse each string once.
const parsed = { cpu: new Map<string, number>(), memory: new Map<string, number>() };
function quantity(kind: 'cpu' | 'memory', q: string | undefined): number {
  if (q === undefined) return 0;
  const memo = parsed[kind];
  let v = memo.get(q);
  if (v === undefined) {
    if (memo.size > 1000) memo.clear();
    memo.set(q, (v = kind === 'cpu' ? milliCpu(q) : bytes(q)));
  }
  return v;
}

function computeRequests(pod: Pod): Requests {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += quantity('cpu', c.resources?.requests?.cpu);
    memory += quantity('memory', c.resources?.requests?.memory);
  }
  for (const c of pod.spec.initContainers ?? []) {
    cpu = Math.max(cpu, quantity('cpu', c.resources?.requests?.cpu));
    memory = Math.max(memory, quantity('memory', c.resources?.requests?.memory));
  }
  return { cpu, memory };
}

/** For scoring, a container without requests counts as 100m CPU and 200Mi (the scheduler's defaults). */
export function nonZeroRequests(pod: Pod): Requests {
  if (pod === lastNonZeroPod) return lastNonZero!;
  let r = nonZeroMemo.get(pod);
  if (!r) {
    r = computeNonZero(pod);
    if (pod.spec.nodeName) nonZeroMemo.set(pod, r);
  }
  lastNonZeroPod = pod;
  lastNonZero = r;
  return r;
}

function computeNonZero(pod: Pod): Requests {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += c.resources?.requests?.cpu ? quantity('cpu', c.resources.requests.cpu) : 100;
    memory += c.resources?.requests?.memory ? quantity('memory', c.resources.requests.memory) : 200 * 1024 * 1024;
  }
  return { cpu, memory };
}
