/** The cards of the Services view: a Service, one endpoint address, a machine box, a pod in it. Clicking selects in the inspector. */
import type { KeyboardEvent, ReactNode } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { GraphNode } from './model';
import { portText, selectorText } from './model';
import { select } from '../actions';
import { useUi } from '../store';
import { useT } from '../i18n';
import type { SelectedKind } from '../../engine/scenario/view';

type Data<T extends GraphNode['type']> = { g: Extract<GraphNode, { type: T }> };

/** `ariaLabel`: only where the visible text does not already say it all (the title always carries the full label). */
function Clickable({ kind, id, label, ariaLabel = true, className, testId, children }: { kind: SelectedKind; id: string; label: string; ariaLabel?: boolean; className: string; testId: string; children: ReactNode }) {
  const selected = useUi((s) => s.view.selected?.kind === kind && s.view.selected.id === id);
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      select(kind, id);
    }
  };
  return (
    <div className={`${className} ${selected ? 'selected' : ''}`} role="button" tabIndex={0} aria-pressed={selected} aria-label={ariaLabel ? label : undefined} title={label} data-testid={testId} onClick={() => select(kind, id)} onKeyDown={onKey}>
      {children}
    </div>
  );
}

const handles = (
  <>
    <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
    <Handle type="source" position={Position.Right} className="handle" isConnectable={false} />
  </>
);

export function ServiceNode({ data }: NodeProps & { data: Data<'service'> }) {
  const t = useT();
  const s = data.g.svc;
  const ready = s.endpoints.filter((e) => e.ready).length;
  const none = s.type !== 'ExternalName' && s.endpoints.length === 0;
  const addr = s.type === 'ExternalName' ? `→ ${s.externalName}` : s.clusterIP === 'None' ? t('svc.headless') : s.clusterIP;
  const lb = [...s.lbIngress, ...s.externalIPs];
  const label = t('svc.cardLabel', { name: s.id, type: s.type, addr: addr ?? '—', ready, total: s.endpoints.length });
  return (
    <Clickable kind="service" id={s.id} label={label} ariaLabel={false} className={`svc-card ${none ? 'no-endpoints' : ''}`} testId={`svc-${s.name}`}>
      {handles}
      <div className="svc-head">
        <span className="svc-name">{s.name}</span>
        <span className="svc-type">{s.type}</span>
        {s.namespace !== 'default' && <span className="svc-ns muted">{s.namespace}</span>}
      </div>
      <div className="svc-addr mono">{addr}{lb.length > 0 && <> · LB {lb.join(', ')}</>}</div>
      <div className="svc-ports mono">{s.ports.map(portText).join(', ') || '—'}</div>
      {none ? (
        <div className="svc-warn" data-testid="svc-no-endpoints">
          <span aria-hidden="true">⚠ </span>
          {s.selector ? t('svc.noEndpointsSel', { sel: selectorText(s.selector) }) : t('svc.noSelector')}
        </div>
      ) : (
        <div className="svc-eps muted">{t('svc.readyCount', { ready, total: s.endpoints.length })}</div>
      )}
    </Clickable>
  );
}

export function EndpointNode({ data }: NodeProps & { data: Data<'endpoint'> }) {
  const t = useT();
  const g = data.g;
  const label = t('svc.endpointLabel', { ip: g.ip, ports: g.ports, state: g.ready ? t('svc.ready') : t('svc.notReady') });
  const body = (
    <>
      {handles}
      <span className="mono">{g.ip}{g.ports ? `:${g.ports.split('/')[0]}` : ''}</span>
      {!g.ready && <span className="ep-unready">✕ {t('svc.notReady')}</span>}
    </>
  );
  if (g.pod) {
    return <Clickable kind="pod" id={g.pod} label={label} className={`svc-ep ${g.ready ? '' : 'unready'}`} testId={`svc-endpoint-${g.svc}`}>{body}</Clickable>;
  }
  return <div className={`svc-ep ${g.ready ? '' : 'unready'}`} data-testid={`svc-endpoint-${g.svc}`} role="img" aria-label={label} title={label}>{body}</div>;
}

export function MachineNode({ data }: NodeProps & { data: Data<'machine'> }) {
  const g = data.g;
  return (
    <Clickable kind="node" id={g.name} label={g.name} className="svc-machine" testId={`svc-machine-${g.name}`}>
      <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
      <div className="svc-machine-name">{g.name}</div>
    </Clickable>
  );
}

export function PodNode({ data }: NodeProps & { data: Data<'pod'> }) {
  const t = useT();
  const g = data.g;
  const label = t('svc.podLabel', { name: g.name, ip: g.ip ?? '—', state: g.ready ? t('svc.ready') : t('svc.notReady') });
  return (
    <Clickable kind="pod" id={g.pod} label={label} className={`svc-pod ${g.ready ? '' : 'unready'}`} testId={`svc-pod-${g.name}`}>
      <Handle type="target" position={Position.Left} className="handle" isConnectable={false} />
      <span className="svc-pod-name">{g.name}</span> <span className="mono muted">{g.ip ?? '—'}</span>
    </Clickable>
  );
}
