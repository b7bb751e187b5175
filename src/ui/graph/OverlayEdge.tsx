/** A flannel VXLAN tunnel between two VTEPs, drawn as an arc above the nodes. */
import { BaseEdge, EdgeLabelRenderer, type Edge, type EdgeProps } from '@xyflow/react';
import { useUi } from '../store';
import { activeWire } from './wire';

export type OverlayEdgeType = Edge<{ label: string; a: string; b: string }, 'overlay'>;

export function OverlayEdge({ id, sourceX, sourceY, targetX, targetY, data }: EdgeProps<OverlayEdgeType>) {
  const key = data ? [data.a, data.b].sort().join('|') : '';
  const active = useUi((s) => activeWire(s) === key && key !== '');
  // Longer tunnels arc higher so arcs and labels never sit on each other.
  const h = 46 + Math.abs(targetX - sourceX) * 0.16;
  const path = `M ${sourceX},${sourceY} C ${sourceX},${sourceY - h} ${targetX},${targetY - h} ${targetX},${targetY}`;
  const lx = (sourceX + targetX) / 2;
  const ly = (sourceY + targetY) / 2 - h * 0.75;
  return (
    <>
      <BaseEdge id={id} path={path} className={`edge-overlay ${active ? 'active' : ''}`} />
      <EdgeLabelRenderer>
        <div className={`edge-label overlay-label ${active ? 'active' : ''}`} style={{ transform: `translate(-50%, -50%) translate(${lx}px, ${ly}px)` }}>
          {data?.label}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}
