/**
 * The "why" table of a scheduling decision (one row per node: rejected by which filter,
 * skipped, or its normalised scores), kept compact and built only when someone reads
 * `decision.nodes`: a 5,000-node cluster would otherwise allocate 5,000 rows per pod.
 *
 * What a table needs — the feasible nodes' indices, then each plugin's normalised score for
 * each (an integer in 0..MAX_NODE_SCORE, a byte) — lives in a slot of reused memory: fresh
 * memory for every pod costs more in page faults than scoring the pod. A scheduled pod's
 * decision holds its slot while it is one of the scheduler's last decisions (the ones
 * `Scheduler.decisions` returns); after that the slot serves a later pod and the old
 * decision's table, if nobody read it in time, can no longer be built.
 */
import type { NodeInfo, Rejection, SchedulingDecision, ScorePlugin } from './types';

type Row = SchedulingDecision['nodes'][number];

export interface TableSlot {
  buf: ArrayBuffer;
  /** Bumped each time the slot is handed out again: a decision checks it still owns the slot. */
  generation: number;
}

export class TableSlots {
  private free: TableSlot[] = [];
  private slotBytes = 0;

  /** A slot of at least `bytes`; reused ones are taken first. */
  take(bytes: number): TableSlot {
    if (bytes > this.slotBytes) {
      // A bigger cluster: slots grow, the smaller free ones are dropped.
      this.slotBytes = bytes;
      this.free = [];
    }
    const slot = this.free.pop() ?? { buf: new ArrayBuffer(this.slotBytes), generation: 0 };
    slot.generation++;
    return slot;
  }

  /** The decision holding `slot` is no longer kept: a later one may use the memory. */
  release(slot: TableSlot): void {
    if (slot.buf.byteLength === this.slotBytes) this.free.push(slot);
  }
}

/** Bytes of a table for `m` feasible nodes and `plugins` score plugins. */
export const tableBytes = (m: number, plugins: number): number => m * 4 + m * plugins;

/**
 * Sets decision.nodes as a getter that builds the rows on first read (then keeps them).
 * `feasible` (node indices) and `scores` (plugin-major, m per plugin) are views into `slot`.
 */
export function lazyTable(
  decision: SchedulingDecision,
  infos: readonly NodeInfo[],
  rejected: readonly Rejection[],
  slot: TableSlot,
  m: number,
  plugins: readonly ScorePlugin[],
): void {
  const generation = slot.generation;
  const build = (): Row[] => {
    if (slot.generation !== generation) throw new Error(`the scheduling decision for ${decision.pod} is too old: its table was dropped`);
    const feasible = new Int32Array(slot.buf, 0, m);
    const scores = new Uint8Array(slot.buf, m * 4, m * plugins.length);
    const rows: Row[] = infos.map((i) => ({ node: i.node.metadata.name, scores: {}, total: 0, skipped: true }));
    for (const r of rejected) rows[r.idx] = { node: rows[r.idx].node, scores: {}, total: 0, rejectedBy: r.plugin, reasons: r.reasons, reason: r.reasons.join(', ') };
    for (let j = 0; j < m; j++) {
      const row: Row = { node: rows[feasible[j]].node, scores: {}, total: 0 };
      plugins.forEach((s, p) => {
        row.scores[s.name] = scores[p * m + j];
        row.total += scores[p * m + j] * s.weight;
      });
      rows[feasible[j]] = row;
    }
    return rows;
  };
  Object.defineProperty(decision, 'nodes', {
    enumerable: true,
    configurable: true,
    get() {
      const nodes = build();
      Object.defineProperty(decision, 'nodes', { value: nodes, enumerable: true, configurable: true, writable: true });
      return nodes;
    },
    set(nodes: Row[]) {
      Object.defineProperty(decision, 'nodes', { value: nodes, enumerable: true, configurable: true, writable: true });
    },
  });
}
