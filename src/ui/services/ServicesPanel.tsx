/**
 * The Services view: each Service → its endpoint addresses → the pods behind them on their
 * nodes, with a DNS column listing the names CoreDNS answers for each Service.
 */
import '../styles/services.css';
import { useEffect, useMemo } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Edge, type Node, type NodeTypes } from '@xyflow/react';
import { useUi } from '../store';
import { VIEW_ONLY_FLOW } from '../graph/viewOnly';
import { buildServiceGraph, shownServices, WIDTH } from './model';
import { EndpointNode, MachineNode, PodNode, ServiceNode } from './SvcNodes';
import { DnsList } from './DnsList';
import { useT } from '../i18n';

const nodeTypes: NodeTypes = { service: ServiceNode, endpoint: EndpointNode, machine: MachineNode, pod: PodNode } as NodeTypes;
const noop = () => {};
/** Room on the left for the zoom buttons (bottom-left), so they never cover the last Service card. */
const FIT = { padding: { top: 0.08, right: 0.08, bottom: 0.08, left: '56px' as const }, maxZoom: 1.1 };

export default function ServicesPanel() {
  return (
    <ReactFlowProvider>
      <Services />
    </ReactFlowProvider>
  );
}

function Services() {
  const t = useT();
  const snap = useUi((s) => s.snapshot)!;
  const showSystem = useUi((s) => s.showSystemPods);
  const theme = useUi((s) => s.theme);
  const services = useMemo(() => shownServices(snap, showSystem), [snap, showSystem]);
  const built = useMemo(() => buildServiceGraph(snap, services), [snap, services]);
  const nodes: Node[] = useMemo(
    () =>
      built.nodes.map((g) => ({
        id: g.id,
        type: g.type,
        position: { x: g.x, y: g.y },
        data: { g },
        ...(g.type === 'pod' ? { parentId: g.parent, extent: 'parent' as const, width: WIDTH.machine - 16, height: g.h } : { width: WIDTH[g.type], height: g.h }),
      })),
    [built],
  );
  const edges: Edge[] = useMemo(() => built.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, className: `svc-edge ${e.unready ? 'unready' : ''}` })), [built]);
  const flow = useReactFlow();
  const shape = built.nodes.map((n) => n.id).join(',');
  useEffect(() => {
    const tm = setTimeout(() => void flow.fitView(FIT), 30);
    return () => clearTimeout(tm);
  }, [shape, flow]);
  return (
    <div className="svc-panel" data-testid="services-view">
      <div className="svc-graph">
        {services.length === 0 ? (
          <div className="empty">{t('svc.none')}</div>
        ) : (
          <ReactFlow nodes={nodes} edges={edges} onNodeClick={noop} nodeTypes={nodeTypes} {...VIEW_ONLY_FLOW} fitViewOptions={FIT} minZoom={0.3} maxZoom={1.6} colorMode={theme}>
            <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} />
            <Controls showInteractive={false} position="bottom-left" />
          </ReactFlow>
        )}
      </div>
      <DnsList services={services} />
    </div>
  );
}
