/**
 * A node of a big cluster as a tile: name, readiness, address, how many pods in which state,
 * and a heatmap with one cell per pod. "Show pods" drills into the node (its full card with
 * the pod cards); the card's "Back to tile" returns.
 */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useUi } from '../store';
import { select } from '../actions';
import { useT } from '../i18n';
import { tilePodCount, type TileNode } from './tileLayout';
import { Heatmap } from './Heatmap';
import { heatGeometry } from './scale';
import { tileCounts, tileLabel } from './tileLabel';
import { isAt, currentStep } from './traceFocus';
import { toggleExpanded, UNSCHEDULED } from './graphState';
import './tiles.css';

export const NodeTile = memo(function NodeTile({ data }: NodeProps<TileNode>) {
  const t = useT();
  const n = data.node;
  const name = n?.name ?? UNSCHEDULED;
  const here = useUi((s) => !!n && isAt(currentStep(s), 'node', n.name));
  const selected = useUi((s) => !!n && s.view.selected?.kind === 'node' && s.view.selected.id === n.name);
  // The counts shown (without the system pods unless asked for); node.hollow has them all.
  const hollow = n?.hollow ? (data.hollow ?? n.hollow) : undefined;
  const counts = tileCounts(hollow, data.pods);
  const total = tilePodCount(hollow, data.pods);
  const g = heatGeometry(total, data.heatH);
  const summary = [
    counts.running && `● ${counts.running}`,
    counts.notready && `◐ ${counts.notready}`,
    counts.pending && `◔ ${counts.pending}`,
    counts.failed && `✕ ${counts.failed}`,
    counts.terminating && `◌ ${counts.terminating}`,
    counts.succeeded && `✓ ${counts.succeeded}`,
    counts.unknown && `◌ ${counts.unknown}`,
  ].filter(Boolean);
  const podsText = t('graph.tiles.pods', { n: total });
  const title = n ? n.name : t('graph.notScheduled');
  // A painted reachability row: the tile says how many of its pods the source reaches.
  const paint = useUi((s) => s.reachPaint);
  const label = tileLabel(t, n, hollow, data.pods, paint);
  const onSelect = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    if (n) select('node', n.name);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onSelect(e);
    }
  };
  const cls = ['k8s-node', 'tile', n ? (n.role === 'control-plane' ? 'control-plane' : 'worker') : 'unscheduled', hollow ? 'hollow' : '', selected ? 'selected' : '', here ? 'trace-here' : ''];
  return (
    <div
      className={cls.join(' ')}
      role="group"
      tabIndex={0}
      aria-label={label}
      aria-current={selected ? 'true' : undefined}
      data-testid={n ? `node-${n.name}` : 'node-unscheduled'}
      data-tile="true"
      data-hollow={hollow ? 'true' : undefined}
      onClick={onSelect}
      onKeyDown={onKey}
    >
      <Handle type="source" id="vtep" position={Position.Top} className="handle" isConnectable={false} />
      <Handle type="target" id="vtep-in" position={Position.Top} className="handle" isConnectable={false} />
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">{!n ? '…' : n.role === 'control-plane' ? '◆' : hollow ? '□' : '■'}</span>
        <span className="node-name" title={title}>{title}</span>
        {n && (
          <span className={`ready ${n.ready ? 'ok' : 'bad'}`}>
            <span aria-hidden="true">{n.ready ? '✓' : '✕'}</span> {n.ready ? 'Ready' : 'NotReady'}
          </span>
        )}
      </div>
      <div className="node-facts mono">
        {n ? (
          <>
            <span title={t('graph.internalIp')}>{n.internalIP}</span>
            <span title={t('graph.podCidr')}>{n.podCIDR ?? '—'}</span>
          </>
        ) : (
          <span>{t('graph.waiting')}</span>
        )}
      </div>
      <div className="tile-count">
        <strong data-testid={`tile-count-${name}`}>{podsText}</strong>
        <span className="tile-states" aria-hidden="true">{summary.join('  ')}</span>
      </div>
      <Heatmap pods={data.pods} hollow={hollow} height={data.heatH} label={t(hollow ? 'hollow.heatLabel' : 'graph.tiles.heatLabel', { name: title, n: total })} />
      <div className="tile-foot">
        {hollow ? (
          <>
            <span className="hollow-badge" title={t('hollow.badgeTitle')}>{t('hollow.badge')}</span>
            <span className="muted">{t('hollow.tileFoot')}</span>
          </>
        ) : (
          <button
            type="button"
            className="tile-expand"
            data-testid={`expand-${n ? n.name : 'unscheduled'}`}
            disabled={data.pods.length === 0}
            onClick={(e) => {
              e.stopPropagation();
              toggleExpanded(name);
            }}
          >
            {t('graph.tiles.show')}
          </button>
        )}
        {g.shown < total && <span className="muted">{t('graph.tiles.notDrawn', { n: total - g.shown })}</span>}
      </div>
      <Handle type="source" id="eth0" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});
