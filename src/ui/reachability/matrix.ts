/** Pure helpers of the reachability panel (tested in Node). */
import type { Reachability } from '../../engine/explain/reachability';

export const cellKey = (source: string, target: string): string => `${source}→${target}`;

/** Cells whose verdict flipped since the last matrix of the same selection. */
export function diffCells(before: Reachability | undefined, after: Reachability): Set<string> {
  const out = new Set<string>();
  if (!before) return out;
  const old = new Map<string, boolean>();
  before.sources.forEach((s, i) => before.targets.forEach((tg, j) => old.set(cellKey(s.id, tg.id), before.cells[i][j].ok)));
  after.sources.forEach((s, i) =>
    after.targets.forEach((tg, j) => {
      const key = cellKey(s.id, tg.id);
      if (old.has(key) && old.get(key) !== after.cells[i][j].ok) out.add(key);
    }),
  );
  return out;
}

/** A column or row heading that fits: the namespace dropped for default, ReplicaSet hashes shortened. */
export function shortLabel(label: string): string {
  return label
    .replace(/^(svc )?default\//, '$1')
    .replace(/-([a-z0-9]{8,10})-([a-z0-9]{5})\b/, '-…$2');
}

/** One pod's paint on the cluster graph: reached from the painted source or not, and whether the last change flipped it. */
export interface PodPaint {
  ok: boolean;
  reason?: string;
  changed: boolean;
}

/** The graph painting kept in the store: the source pod and every other pod's verdict from it. */
export interface ReachPaint {
  source: string;
  /** The matrix's namespace selection and the snapshot hash it was computed at (to repaint after a change). */
  namespaces: string[];
  hash?: string;
  pods: Record<string, PodPaint>;
  /** Selecting another pod in the graph paints from it. */
  follow?: boolean;
}

/** The row of `source` as per-pod paint (pod targets only; the source itself is left unpainted). */
export function paintFrom(matrix: Reachability, source: string, changed: ReadonlySet<string>, namespaces: string[] = [], hash?: string): ReachPaint | undefined {
  const i = matrix.sources.findIndex((s) => s.id === source);
  if (i < 0) return undefined;
  const pods: Record<string, PodPaint> = {};
  matrix.targets.forEach((tg, j) => {
    if (tg.kind !== 'pod' || tg.id === `pod:${source}`) return;
    const c = matrix.cells[i][j];
    const reason = c.ok ? undefined : `${c.summary}${c.decidedBy ? ` (${c.decidedBy})` : ''}`;
    pods[tg.id.slice('pod:'.length)] = { ok: c.ok, ...(reason ? { reason } : {}), changed: changed.has(cellKey(source, tg.id)) };
  });
  return { source, namespaces, ...(hash ? { hash } : {}), pods };
}

/** The same source painted from a newer matrix: a pod is "changed" when its verdict differs from the old paint. */
export function repaint(old: ReachPaint, matrix: Reachability, hash?: string): ReachPaint | undefined {
  const flipped = new Set(
    matrix.targets
      .filter((tg, j) => {
        const before = old.pods[tg.id.slice('pod:'.length)];
        const i = matrix.sources.findIndex((s) => s.id === old.source);
        return tg.kind === 'pod' && before && i >= 0 && before.ok !== matrix.cells[i][j].ok;
      })
      .map((tg) => cellKey(old.source, tg.id)),
  );
  const next = paintFrom(matrix, old.source, flipped, old.namespaces, hash);
  return next && old.follow ? { ...next, follow: true } : next;
}
