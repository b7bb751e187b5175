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
