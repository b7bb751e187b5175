/** The physical L2 network the nodes' eth0 plug into (the underlay VXLAN rides on). */
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { useUi } from '../store';
import type { UnderlayNode } from './layout';
import { isOutside, onUnderlay } from './traceFocus';

export function UnderlayBar({ data }: NodeProps<UnderlayNode>) {
  const here = useUi(onUnderlay);
  const outside = useUi((s) => isOutside(s));
  return (
    <div className={`underlay ${here ? 'trace-here' : ''}`} data-testid="underlay" role="img" aria-label="Node network: the L2 segment every node's eth0 is plugged into">
      {data.ports.map((p) => (
        <Handle key={p.node} type="target" id={`port:${p.node}`} position={Position.Top} style={{ left: p.x }} className="handle" isConnectable={false} />
      ))}
      <span className="underlay-label">node network · underlay L2 segment</span>
      <span className={`external ${outside ? 'trace-here' : ''}`} data-testid="external" title="Hosts outside the cluster: the default gateway and beyond">
        ⇢ gateway · outside
      </span>
    </div>
  );
}
