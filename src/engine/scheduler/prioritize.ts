/**
 * prioritizeNodes and selectHost: every score plugin scores the feasible nodes, its scores are
 * normalised (NormalizeScore) and weighted, and the node with the highest total wins.
 */
import type { Pod } from '../api/types';
import type { CurrentNodeInfo, CycleState, ScorePlugin } from './types';
import { MAX_NODE_SCORE } from './types';

/** Score buffers reused from cycle to cycle: each plugin's scores, and the weighted totals. */
export class ScoreBuffers {
  totals = new Float64Array(0);
  raw: Float64Array[] = [];
  private weights = new Float64Array(0);

  constructor(readonly plugins: readonly ScorePlugin[]) {
    this.weights = Float64Array.from(plugins, (s) => s.weight);
  }

  reserve(size: number): void {
    if (this.totals.length >= size) return;
    this.totals = new Float64Array(size);
    this.raw = this.plugins.map(() => new Float64Array(size));
  }

  /**
   * Runs every plugin over the first `m` nodes (a plugin skipped in PreScore gives 0 and is
   * not normalised, as in the framework), then weighs: totals[j] is the sum over plugins of
   * score × weight, and `kept` gets each normalised score (plugin-major, m per plugin) for the
   * decision's table.
   */
  prioritize(pod: Pod, nodes: readonly CurrentNodeInfo[], m: number, state: CycleState, kept: Uint8Array): void {
    const { plugins, raw } = this;
    for (let p = 0; p < plugins.length; p++) {
      const s = plugins[p];
      if (s.preScore && !s.preScore(pod)) raw[p].fill(0, 0, m);
      else {
        s.scoreNodes(pod, nodes, m, raw[p], state);
        if (s.normalize) s.normalize(raw[p], m);
      }
    }
    this.weigh(m, kept);
  }

  /** totals[j] is the sum of node j's scores × weights, added in plugin order. */
  private weigh(m: number, kept: Uint8Array): void {
    const { raw, weights, totals } = this;
    // Read once: in Node (tsx's CommonJS) an imported binding is a getter call per read.
    const max = MAX_NODE_SCORE;
    totals.fill(0, 0, m);
    for (let p = 0; p < raw.length; p++) {
      const scores = raw[p];
      const weight = weights[p];
      const at = p * m;
      for (let j = 0; j < m; j++) {
        const v = scores[j];
        if (!(v >= 0 && v <= max)) throw this.invalidScore(m);
        totals[j] += v * weight;
        kept[at + j] = v;
      }
    }
  }

  /** The framework rejects a score outside 0..MAX_NODE_SCORE; the first plugin (in order) that returned one is named. */
  private invalidScore(m: number): Error {
    for (let p = 0; p < this.raw.length; p++) {
      for (let j = 0; j < m; j++) {
        const v = this.raw[p][j];
        if (!(v >= 0 && v <= MAX_NODE_SCORE)) return new Error(`plugin ${this.plugins[p].name} returns an invalid score ${v}, it should in the range of [0, ${MAX_NODE_SCORE}] after normalizing`);
      }
    }
    return new Error('invalidScore: no invalid score found');
  }
}

/**
 * selectHost over the feasible nodes (indices `idx`, weighted `totals`): the highest total
 * wins; ties go round robin (the `turn`-th tied node, counting round) in node-name order. The
 * buffer holds the nodes in the order they were visited (start … end, then wrapped round to
 * 0 … start-1), so in name order the wrapped ones (index < start) come first — no sorting.
 */
export function selectHost(idx: Int32Array, totals: Float64Array, m: number, start: number, turn: number): number {
  let best = -Infinity;
  let tied = 0;
  let tiedWrapped = 0;
  for (let j = 0; j < m; j++) {
    const t = totals[j];
    if (t < best) continue;
    if (t > best) {
      best = t;
      tied = 0;
      tiedWrapped = 0;
    }
    tied++;
    if (idx[j] < start) tiedWrapped++;
  }
  let k = turn % tied;
  const wrapped = k < tiedWrapped;
  if (!wrapped) k -= tiedWrapped;
  for (let j = 0; j < m; j++) if (totals[j] === best && (idx[j] < start) === wrapped && k-- === 0) return idx[j];
  throw new Error('selectHost: no tied node found');
}
