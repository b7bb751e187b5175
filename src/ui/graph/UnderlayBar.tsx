/** The physical L2 network the nodes' eth0 plug into (the underlay VXLAN rides on). */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useUi } from '../store';
import type { UnderlayNode } from './layout';
import { isOutside, onUnderlay } from './traceFocus';
import { useT } from '../i18n';

export function UnderlayBar({ data }: NodeProps<UnderlayNode>) {
  const t = useT();
  const here = useUi(onUnderlay);
  const outside = useUi((s) => isOutside(s));
  return (
    <div className={`underlay ${here ? 'trace-here' : ''}`} data-testid="underlay" role="img" aria-label={t('graph.underlayLabel')}>
      {data.ports.map((p) => (
        <Handle key={p.node} type="target" id={`port:${p.node}`} position={Position.Top} style={{ left: p.x }} className="handle" isConnectable={false} />
      ))}
      <span className="underlay-label">{t('graph.underlay')}</span>
      <span className={`external ${outside ? 'trace-here' : ''}`} data-testid="external" title={t('graph.outsideTitle')}>
        ⇢ {t('graph.outside')}
      </span>
    </div>
  );
}
