/**
 * findNodesThatPassFilters: from nextStartNodeIndex round the node list, run the filter
 * plugins until numFeasibleNodesToFind nodes fit (percentageOfNodesToScore), as
 * kube-scheduler does. The nodes that fit stay in visiting order in the cycle's buffers.
 */
import type { Pod } from '../api/types';
import { upToDate } from './nodeInfo';
import type { CurrentNodeInfo, FilterPlugin, NodeInfo, Rejection } from './types';
import { DEFAULT_FILTERS } from './plugins';
import { volumeBindingPreFilterStatus } from './plugins/volumeBinding';

/** Buffers reused from cycle to cycle: the feasible nodes and their indices in the node list. */
export class FeasibleNodes {
  idx = new Int32Array(0);
  nodes: CurrentNodeInfo[] = [];
  /** How many of the buffers' entries fit this cycle. */
  count = 0;
  /** How many nodes were looked at (the next cycle starts after them). */
  looked = 0;

  reserve(size: number): void {
    if (this.idx.length < size) this.idx = new Int32Array(size);
  }
}

/** The framework's loop for a filter plugin without its own filterNodes (see FilterPlugin). */
function filterEach(f: FilterPlugin, pod: Pod, nodes: CurrentNodeInfo[], idx: Int32Array, from: number, to: number, rejected: Rejection[]): number {
  let kept = from;
  for (let i = from; i < to; i++) {
    const reasons = f.filter(pod, nodes[i]);
    if (reasons) rejected.push({ idx: idx[i], plugin: f.name, reasons });
    else {
      nodes[kept] = nodes[i];
      idx[kept++] = idx[i];
    }
  }
  return kept;
}

/**
 * Takes the next nodes round the list, as many as are still wanted, and runs each filter over
 * them in turn (a node leaves at the first that rejects it, into `rejected`); repeats until
 * `want` fit or every node was looked at. Never looks at a node the one-by-one loop would not
 * have reached. The result is in `out.count` and `out.looked`.
 */
export function findNodesThatPassFilters(pod: Pod, infos: readonly NodeInfo[], filters: readonly FilterPlugin[], start: number, want: number, out: FeasibleNodes, rejected: Rejection[]): void {
  const n = infos.length;
  out.reserve(want);
  const idx = out.idx;
  const nodes = out.nodes;
  let m = 0;
  let looked = 0;
  while (m < want && looked < n) {
    let end = m + Math.min(want - m, n - looked);
    for (let j = m; j < end; j++, looked++) {
      const i = start + looked < n ? start + looked : start + looked - n;
      idx[j] = i;
      nodes[j] = upToDate(infos[i]);
    }
    for (const f of filters) end = f.filterNodes ? f.filterNodes(pod, nodes, idx, m, end, rejected) : filterEach(f, pod, nodes, idx, m, end, rejected);
    m = end;
  }
  out.count = m;
  out.looked = looked;
}

/** Runs every filter on one node (preemption's and the UI's look): the failing plugin and its reasons, or undefined. */
export function filterOne(pod: Pod, info: NodeInfo): { plugin: string; reasons: string[]; resolvable: boolean } | undefined {
  const pre = volumeBindingPreFilterStatus(pod);
  if (pre) return pre;
  for (const f of DEFAULT_FILTERS) {
    const reasons = f.filter(pod, info);
    if (reasons) return { plugin: f.name, reasons, resolvable: f.resolvable };
  }
  return undefined;
}
