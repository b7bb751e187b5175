/** A Kubernetes node as a container: facts, its network devices, and its pods inside. */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useUi } from '../store';
import { select } from '../actions';
import type { K8sNode } from './layout';
import { chipFor, currentStep, isAt } from './traceFocus';
import { PodCard } from './PodCard';
import { DeviceChip } from './DeviceChip';
import { useT } from '../i18n';
import { toggleExpanded, UNSCHEDULED } from './graphState';

export const K8sNodeCard = memo(function K8sNodeCard({ data }: NodeProps<K8sNode>) {
  const t = useT();
  const n = data.node;
  const step = useUi(currentStep);
  const selected = useUi((s) => !!n && s.view.selected?.kind === 'node' && s.view.selected.id === n.name);
  if (!n) {
    return (
      <div className="k8s-node unscheduled" role="group" aria-label={t('graph.waiting')} data-testid="node-unscheduled">
        <div className="node-head"><span className="node-name">{t('graph.notScheduled')}</span>{data.expanded && <BackToTile name={UNSCHEDULED} />}</div>
        {data.expanded && <Shown data={data} />}
        <div className={`pod-grid cols-${data.cols ?? 2}`}>{data.pods.map((p) => <PodCard key={p.id} pod={p} />)}</div>
      </div>
    );
  }
  const here = isAt(step, 'node', n.name);
  const chip = here ? chipFor(step?.device) : undefined;
  const onSelect = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    select('node', n.name);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.target === e.currentTarget && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      onSelect(e);
    }
  };
  const cls = ['k8s-node', n.role === 'control-plane' ? 'control-plane' : 'worker', n.hollow ? 'hollow' : '', selected ? 'selected' : '', here ? 'trace-here' : ''];
  // A Kubemark hollow node: no machine, so no devices; its pods are counted, not listed.
  const h = n.hollow;
  // Its pods as shown: without the system pods unless asked for (as a machine's cards).
  const shown = data.hollow ?? h;
  return (
    <div
      className={cls.join(' ')}
      role="group"
      tabIndex={0}
      aria-label={h ? t('hollow.nodeLabel', { name: n.name, ready: n.ready ? 'Ready' : 'NotReady', ip: n.internalIP }) : t('graph.nodeLabel', { name: n.name, role: t(n.role === 'control-plane' ? 'ov.controlPlane' : 'ov.worker'), ready: n.ready ? 'Ready' : 'NotReady', ip: n.internalIP })}
      aria-current={selected ? 'true' : undefined}
      data-testid={`node-${n.name}`}
      onClick={onSelect}
      onKeyDown={onKey}
    >
      <Handle type="source" id="vtep" position={Position.Top} className="handle" isConnectable={false} />
      <Handle type="target" id="vtep-in" position={Position.Top} className="handle" isConnectable={false} />
      <div className="node-head">
        <span className="node-icon" aria-hidden="true">{n.role === 'control-plane' ? '◆' : '■'}</span>
        <span className="node-name" title={n.name}>{n.name}</span>
        {h && <span className="hollow-badge" title={t('hollow.badgeTitle')} aria-hidden="true">{t('hollow.badge')}</span>}
        <span className={`ready ${n.ready ? 'ok' : 'bad'}`}>
          <span aria-hidden="true">{n.ready ? '✓' : '✕'}</span> {n.ready ? 'Ready' : 'NotReady'}
        </span>
        {data.expanded && <BackToTile name={n.name} />}
      </div>
      <div className="node-facts">
        <span className="role-badge">{t(n.role === 'control-plane' ? 'ov.controlPlane' : 'ov.worker')}</span>
        <span>{n.runtime}</span>
        <span>{n.kubeletVersion}</span>
      </div>
      <div className="node-facts mono">
        <span title={t('graph.internalIp')}>{n.internalIP}</span>
        <span className="muted">podCIDR</span>
        <span title={t('graph.podCidr')}>{n.podCIDR ?? '—'}</span>
      </div>
      {!h && <div className="chips" aria-label={t('graph.devicesOf', { name: n.name })}>
        <DeviceChip node={n.name} dev={n.nic?.dev ?? 'eth0'} addr={n.internalIP} active={chip === 'eth0' || chip === n.nic?.dev} />
        {n.bridge && <DeviceChip node={n.name} dev={n.bridge.dev} addr={n.bridge.address} active={chip === n.bridge.dev} />}
        {n.vtep && <DeviceChip node={n.name} dev={n.vtep.dev} addr={n.vtep.address} active={chip === n.vtep.dev} />}
      </div>}
      {data.expanded && <Shown data={data} />}
      <div className={`pod-grid cols-${data.cols ?? 2}`}>
        {data.pods.length === 0 && <div className="no-pods">{shown ? `${t('graph.tiles.pods', { n: shown.running + shown.pending + shown.other })}: ${t('hollow.podCounts', { running: shown.running, pending: shown.pending, other: shown.other })}` : t('graph.noPods')}</div>}
        {data.pods.map((p) => <PodCard key={p.id} pod={p} hostNet={!!p.ip && p.ip === n.internalIP} />)}
      </div>
      <Handle type="source" id="eth0" position={Position.Bottom} className="handle" isConnectable={false} />
    </div>
  );
});

/** On a card drilled into from the tiles view: back to the tile. */
function BackToTile({ name }: { name: string }) {
  const t = useT();
  return (
    <button
      type="button"
      className="tile-collapse"
      data-testid={`collapse-${name === UNSCHEDULED ? 'unscheduled' : name}`}
      onClick={(e) => {
        e.stopPropagation();
        toggleExpanded(name);
      }}
    >
      {t('graph.tiles.hide')}
    </button>
  );
}

/** "120 of 9,800 pods shown" when an expanded group is bigger than the card draws. */
function Shown({ data }: { data: K8sNode['data'] }) {
  const t = useT();
  if (!data.total || data.total <= data.pods.length) return null;
  return <div className="tile-shown muted">{t('graph.tiles.shownOf', { shown: data.pods.length, total: data.total })}</div>;
}
