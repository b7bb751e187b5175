/** Resource quantities and the scheduler's view of requests (with its non-zero defaults). */
import type { Pod } from '../../api/types';

/** Parses a CPU quantity to millicores ("500m", "2", "0.5"). */
export function milliCpu(q: string | undefined): number {
  if (!q) return 0;
  if (q.endsWith('m')) return Number(q.slice(0, -1));
  return Math.round(Number(q) * 1000);
}

const UNITS: Record<string, number> = { Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Parses a memory quantity to bytes ("128Mi", "1G", "4015148Ki"). */
export function bytes(q: string | undefined): number {
  if (!q) return 0;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i?|k)?$/.exec(q);
  if (!m) return 0;
  return Math.round(Number(m[1]) * (m[2] ? UNITS[m[2]] : 1));
}

export interface Requests {
  cpu: number;
  memory: number;
}

/** Sum of container requests (what NodeResourcesFit filters on). */
export function podRequests(pod: Pod): Requests {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += milliCpu(c.resources?.requests?.cpu);
    memory += bytes(c.resources?.requests?.memory);
  }
  return { cpu, memory };
}

/** For scoring, a container without requests counts as 100m CPU and 200Mi (the scheduler's defaults). */
export function nonZeroRequests(pod: Pod): Requests {
  let cpu = 0;
  let memory = 0;
  for (const c of pod.spec.containers) {
    cpu += c.resources?.requests?.cpu ? milliCpu(c.resources.requests.cpu) : 100;
    memory += c.resources?.requests?.memory ? bytes(c.resources.requests.memory) : 200 * 1024 * 1024;
  }
  return { cpu, memory };
}
