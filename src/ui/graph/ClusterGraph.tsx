/** The cluster canvas: nodes with their pods, the underlay below, VXLAN tunnels above. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow, type EdgeTypes, type NodeTypes } from '@xyflow/react';
import { useUi } from '../store';
import { buildGraph } from './layout';
import { K8sNodeCard } from './K8sNodeCard';
import { UnderlayBar } from './UnderlayBar';
import { OverlayEdge } from './OverlayEdge';
import { PacketDot } from './PacketDot';
import { GraphToolbar } from './GraphToolbar';
import { PaintBar } from './PaintBar';
import { activeWire } from './wire';
import { VIEW_ONLY_FLOW } from './viewOnly';

const nodeTypes: NodeTypes = { k8sNode: K8sNodeCard, underlay: UnderlayBar, spacer: () => null };
// A click handler makes React Flow give nodes pointer events (our cards handle the click).
const noop = () => {};
const edgeTypes: EdgeTypes = { overlay: OverlayEdge };
const FIT = { padding: 0.08, maxZoom: 1.1 };

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}

function Graph() {
  const snap = useUi((s) => s.snapshot)!;
  const showSystem = useUi((s) => s.showSystemPods);
  const theme = useUi((s) => s.theme);
  const wire = useUi(activeWire);
  const built = useMemo(() => buildGraph(snap, showSystem), [snap, showSystem]);
  const [nodes, setNodes, onNodesChange] = useNodesState(built.nodes);
  const ref = useRef<HTMLDivElement>(null);
  const [tick, setTick] = useState(0);
  const flow = useReactFlow();

  useEffect(() => setNodes(built.nodes), [built, setNodes]);

  const edges = useMemo(() => {
    const ends = wire ? wire.split('|') : [];
    return built.edges.map((e) => (e.type !== 'overlay' && ends.includes(String(e.data?.node)) ? { ...e, className: `${e.className} active`, animated: true } : e));
  }, [built, wire]);

  // Refit when the picture's shape changes (a node or pod row added) or the canvas resizes.
  const shape = built.nodes.map((n) => `${n.id}:${n.height}`).join(',');
  const refit = useCallback(() => {
    void flow.fitView(FIT).then(() => setTick((t) => t + 1));
  }, [flow]);
  useEffect(() => {
    const t = setTimeout(refit, 30);
    return () => clearTimeout(t);
  }, [shape, refit]);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    let t: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(t);
      t = setTimeout(refit, 60);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(t);
    };
  }, [refit]);

  return (
    <div className="graph" ref={ref} data-testid="cluster-graph">
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        onNodeClick={noop}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...VIEW_ONLY_FLOW}
        fitViewOptions={FIT}
        minZoom={0.3}
        maxZoom={1.6}
        onMove={() => setTick((t) => t + 1)}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} />
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      <PacketDot container={ref} viewportTick={tick} />
      <GraphToolbar />
      <PaintBar />
    </div>
  );
}
