/**
 * Pure helpers for the Capture view: which machines and pods can be captured, the interface
 * filter, and the windowing that renders only the rows in view (a log holds up to 500 frames).
 */
import type { CaptureRow } from '../../engine/sim/captureView';
import type { Snapshot } from '../../engine/sim/snapshot';
import type { UiState } from '../store';
import { machines, shownNode } from '../netview/model';

/** Rows are one line high; an encapsulated frame adds a second line for its inner packet. */
export const ROW_H = 22;
export const ENCAP_H = 40;

export function rowHeight(r: CaptureRow): number {
  return r.inner ? ENCAP_H : ROW_H;
}

/** Capture targets: cluster nodes, the machines outside (router, internet), and pods with an address. */
export function captureTargets(snap: Snapshot | undefined): { machines: string[]; pods: string[] } {
  const { cluster, outside } = machines(snap);
  const pods = (snap?.pods ?? []).filter((p) => p.ip && p.node).map((p) => p.id).sort();
  return { machines: [...cluster, ...outside], pods };
}

/** The target on screen: the one picked (while it exists), else the machine the Node network view shows. */
export function shownTarget(s: UiState): string {
  const { machines: m, pods } = captureTargets(s.snapshot);
  const picked = s.captureTarget;
  if (picked && (m.includes(picked) || pods.includes(picked))) return picked;
  return shownNode(s);
}

/** The rows on one interface ("" = all), oldest first. */
export function filterRows(rows: readonly CaptureRow[], iface: string): CaptureRow[] {
  return iface ? rows.filter((r) => r.ifname === iface) : [...rows];
}

/** Each row's top offset and the total height, for windowing. */
export function offsets(rows: readonly CaptureRow[]): { tops: number[]; height: number } {
  const tops: number[] = [];
  let y = 0;
  for (const r of rows) {
    tops.push(y);
    y += rowHeight(r);
  }
  return { tops, height: y };
}

/** The first and last (exclusive) rows that overlap [scrollTop, scrollTop + viewport), with some overscan. */
export function visibleRange(tops: readonly number[], height: number, scrollTop: number, viewport: number, overscan = 8): [number, number] {
  if (tops.length === 0) return [0, 0];
  // Binary search: the last row starting at or above scrollTop.
  let lo = 0;
  let hi = tops.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tops[mid] <= scrollTop) lo = mid;
    else hi = mid - 1;
  }
  let end = lo;
  const bottom = Math.min(height, scrollTop + viewport);
  while (end < tops.length && tops[end] < bottom) end++;
  return [Math.max(0, lo - overscan), Math.min(tops.length, end + overscan)];
}
