/**
 * What a node tile says to a screen reader: the node, its pods by state, and — while a
 * reachability row is painted — how many of its pods the source reaches. Shared by the DOM
 * tiles (NodeTile) and the canvas map's keyboard cursor, so both read the same.
 */
import type { NodeView, PodCounts, PodView } from '../../engine/sim/snapshot';
import type { ReachPaint } from '../reachability/matrix';
import type { t as T } from '../i18n';
import { stateCounts, type CellState } from './scale';
import { tilePodCount } from './tileLayout';

/** A tile's pods by cell state: listed pods counted, a hollow node's counts as they are. */
export function tileCounts(hollow: PodCounts | undefined, pods: PodView[]): Record<CellState, number> {
  return hollow ? { running: hollow.running, notready: 0, pending: hollow.pending, failed: 0, terminating: 0, succeeded: 0, unknown: hollow.other } : stateCounts(pods);
}

/** "2 reachable, 1 blocked from default/client", or '' when nothing on the tile is painted. */
export function tilePaint(t: typeof T, paint: ReachPaint | undefined, pods: PodView[]): string {
  if (!paint) return '';
  let ok = 0;
  let blocked = 0;
  for (const p of pods) {
    const v = paint.pods[p.id];
    if (v?.ok) ok++;
    else if (v) blocked++;
  }
  return ok || blocked ? t('graph.tiles.painted', { ok, blocked, src: paint.source }) : '';
}

/** "Node node-7, worker, Ready, 172.16.0.17, 30 pods (28 Running, 2 Pending)". */
export function tileLabel(t: typeof T, n: NodeView | undefined, hollow: PodCounts | undefined, pods: PodView[], paint?: ReachPaint): string {
  const total = tilePodCount(hollow, pods);
  const counts = tileCounts(hollow, pods);
  const words: [CellState, string][] = [
    ['running', 'Running'],
    ['notready', t('graph.tiles.notReady')],
    ['pending', 'Pending'],
    ['failed', t('graph.tiles.failed')],
    ['terminating', 'Terminating'],
    ['succeeded', 'Succeeded'],
    ['unknown', t('graph.tiles.other')],
  ];
  const states = words.filter(([k]) => counts[k]).map(([k, w]) => `${counts[k]} ${w}`);
  const podsText = t('graph.tiles.pods', { n: total }) + (states.length ? ` (${states.join(', ')})` : '');
  const head = !n
    ? t('graph.waiting')
    : n.hollow
      ? t('hollow.nodeLabel', { name: n.name, ready: n.ready ? 'Ready' : 'NotReady', ip: n.internalIP })
      : t('graph.nodeLabel', { name: n.name, role: t(n.role === 'control-plane' ? 'ov.controlPlane' : 'ov.worker'), ready: n.ready ? 'Ready' : 'NotReady', ip: n.internalIP });
  const painted = tilePaint(t, paint, pods);
  return `${head}, ${podsText}${painted ? `; ${painted}` : ''}`;
}
