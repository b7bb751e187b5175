/** The drawn pieces of the control-plane flow: a component, a machine's frame, and a link whose messages travel as dots. */
import { BaseEdge, EdgeLabelRenderer, getBezierPath, Handle, Position, useStore, type EdgeProps, type Node, type NodeProps, type Edge } from '@xyflow/react';
import type { CompBox, Side, Travel } from './flow';
import { useT } from '../i18n';

export type CompNode = Node<{ box: CompBox; active: boolean }, 'comp'>;
export type MachineNode = Node<{ label: string }, 'machine'>;

export type FlowEdge = Edge<{ travel?: Travel; ms: number; still: boolean }, 'flow'>;

const SIDES: [Side, Position][] = [
  ['t', Position.Top],
  ['b', Position.Bottom],
  ['l', Position.Left],
  ['r', Position.Right],
];

export function CompCard({ data }: NodeProps<CompNode>) {
  const t = useT();
  const { box, active } = data;
  return (
    <div className={`cp-comp ${box.kind} ${active ? 'active' : ''}`} data-testid={`cp-comp-${box.id}`} title={`${box.label}: ${t(box.role)}`}>
      {SIDES.map(([id, pos]) => (
        <Handle key={`s${id}`} id={id} type="source" position={pos} className="handle" isConnectable={false} />
      ))}
      {SIDES.map(([id, pos]) => (
        <Handle key={`t${id}`} id={`${id}-in`} type="target" position={pos} className="handle" isConnectable={false} />
      ))}
      <span className="cp-comp-name">{box.label}</span>
      <span className="cp-comp-role">{t(box.role)}</span>
    </div>
  );
}

export function MachineFrame({ data }: NodeProps<MachineNode>) {
  return (
    <div className="cp-machine">
      <span className="cp-machine-label">{data.label}</span>
    </div>
  );
}

export function FlowLink({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data }: EdgeProps<FlowEdge>) {
  const [path] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const zoom = useStore((st) => st.transform[2]);
  const travel = data?.travel;
  // Side by side (kubectl → apiserver → etcd) the label goes above the boxes; otherwise it sits near the receiving end (fan-outs from the apiserver then do not overlap) and keeps its size at any zoom.
  const across = Math.abs(targetX - sourceX) > Math.abs(targetY - sourceY) * 2;
  const f = across ? 0.5 : travel?.reverse ? 0.3 : 0.7;
  const lx = sourceX + (targetX - sourceX) * f;
  const ly = sourceY + (targetY - sourceY) * f;
  const dur = `${Math.max(120, (data?.ms ?? 600) - 60)}ms`;
  return (
    <>
      <BaseEdge id={id} path={path} className={`cp-link ${travel ? 'active' : ''}`} />
      {travel && !data?.still && (
        <circle key={travel.key} className="cp-dot" r={6}>
          <animateMotion dur={dur} path={path} keyPoints={travel.reverse ? '1;0' : '0;1'} keyTimes="0;1" calcMode="linear" fill="freeze" />
        </circle>
      )}
      {travel?.label && (
        <EdgeLabelRenderer>
          <div className="cp-label mono" style={{ transform: `translate(${lx}px, ${across ? ly - 26 : ly}px) scale(${1 / Math.max(zoom, 0.1)}) translate(-50%, ${across ? '-100%' : '-50%'})` }} data-testid="cp-edge-label">
            <span className="arrow" aria-hidden="true">{travel.reverse ? '◀' : '▶'}</span> {travel.label}
          </div>
        </EdgeLabelRenderer>
      )}
    </>
  );
}
