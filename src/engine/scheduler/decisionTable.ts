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

/** Where a decision keeps what its table is built from (a symbol: structured clones and JSON skip it). */
const TABLE = Symbol('decision table');

interface TableSource {
  infos: readonly NodeInfo[];
  rejected: readonly Rejection[];
  slot: TableSlot;
  generation: number;
  m: number;
  plugins: readonly ScorePlugin[];
  /** A PreFilterResult's nodes (indices in `infos`); the others were not filtered at all. */
  only: Int32Array | undefined;
  rows: Row[] | undefined;
}

/** The status of the nodes left out of NodeAffinity's PreFilterResult (the framework's absent-nodes status). */
export const NOT_IN_PREFILTER_RESULT = ["node(s) didn't satisfy plugin(s) [NodeAffinity]"];

/**
 * A decision whose `nodes` (an own, enumerable accessor, so a structured clone to the UI
 * carries the rows) are built on first read, then kept. `feasible` (node indices) and the
 * scores (plugin-major, m per plugin) are in `slot`. An object literal, not defineProperty on
 * a made object: that would allocate closures and turn each decision into a dictionary.
 */
export function decisionWithTable(
  pod: string,
  t: number,
  infos: readonly NodeInfo[],
  rejected: readonly Rejection[],
  slot: TableSlot,
  m: number,
  plugins: readonly ScorePlugin[],
  only?: Int32Array,
): SchedulingDecision {
  const decision: SchedulingDecision & { [TABLE]: TableSource } = {
    pod,
    t,
    [TABLE]: { infos, rejected, slot, generation: slot.generation, m, plugins, only, rows: undefined } as TableSource,
    get nodes(): Row[] {
      const source = this[TABLE];
      return (source.rows ??= buildRows(this.pod, source));
    },
    set nodes(rows: Row[]) {
      this[TABLE].rows = rows;
    },
  };
  return decision;
}

function buildRows(pod: string, { infos, rejected, slot, generation, m, plugins, only }: TableSource): Row[] {
  if (slot.generation !== generation) throw new Error(`the scheduling decision for ${pod} is too old: its table was dropped`);
  const feasible = new Int32Array(slot.buf, 0, m);
  const scores = new Uint8Array(slot.buf, m * 4, m * plugins.length);
  const rows: Row[] = only
    ? infos.map((i) => ({ node: i.node.metadata.name, scores: {}, total: 0, rejectedBy: 'NodeAffinity', reasons: NOT_IN_PREFILTER_RESULT, reason: NOT_IN_PREFILTER_RESULT[0], preFiltered: true }))
    : infos.map((i) => ({ node: i.node.metadata.name, scores: {}, total: 0, skipped: true }));
  for (const i of only ?? []) rows[i] = { node: rows[i].node, scores: {}, total: 0, skipped: true };
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
}
