/**
 * The cluster canvas: nodes with their pods, the underlay below, VXLAN tunnels above. A big
 * cluster (scale.ts) is drawn as node tiles with pod heatmaps instead of one card per pod.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useNodesState, useReactFlow, type Edge, type EdgeTypes, type FitViewOptions, type Node, type NodeProps, type NodeTypes } from '@xyflow/react';
import { useDeferredSnapshot, useUi } from '../store';
import { buildGraph, type K8sNode } from './layout';
import { buildTileGraph, type MapLayout, type TileNode } from './tileLayout';
import { K8sNodeCard } from './K8sNodeCard';
import { NodeTile } from './NodeTile';
import { warmCellColours } from './Heatmap';
import { UnderlayBar } from './UnderlayBar';
import { OverlayEdge } from './OverlayEdge';
import { PacketDot } from './PacketDot';
import { GraphToolbar } from './GraphToolbar';
import { PaintBar } from './PaintBar';
import { activeWire } from './wire';
import { VIEW_ONLY_FLOW } from './viewOnly';
import { tilesFor } from './scale';
import { useGraph } from './graphState';
import { ClusterMap, mapTileAt, openTile } from './ClusterMap';
import { useT } from '../i18n';
import { useStableNodes } from './stableNodes';

/**
 * Cards and tiles are one React Flow node type: when a cluster grows past the tiles threshold its
 * nodes turn into tiles, and a changed type makes React Flow measure each node at once (a forced
 * layout of the whole page inside the update) instead of from its ResizeObserver.
 */
const CardOrTile = memo(function CardOrTile(p: NodeProps<K8sNode | TileNode>) {
  return 'heatH' in p.data ? <NodeTile {...(p as NodeProps<TileNode>)} /> : <K8sNodeCard {...(p as NodeProps<K8sNode>)} />;
});
const nodeTypes: NodeTypes = { k8sNode: CardOrTile, tile: CardOrTile, underlay: UnderlayBar, spacer: () => null };
// A click handler makes React Flow give nodes pointer events (our cards handle the click).
const noop = () => {};
const edgeTypes: EdgeTypes = { overlay: OverlayEdge };
// Room at the top for the VXLAN arcs above the nodes (fitView measures nodes, not edges) below the legend.
const FIT: FitViewOptions = { padding: { top: '92px', bottom: '20px', left: '48px', right: '40px' }, maxZoom: 1.1 };
// Room for the toolbar above and the zoom buttons at the left, which would cover the first tiles.
const FIT_TILES: FitViewOptions = { padding: { top: '76px', bottom: '12px', left: '52px', right: '16px' }, maxZoom: 1.1, minZoom: 0.05 };

export function ClusterGraph() {
  return (
    <ReactFlowProvider>
      <Graph />
    </ReactFlowProvider>
  );
}

/** The tunnel a traced packet is in, when the drawing has no arc for it (tiles, or a big forced pod view). */
function wireEdge(wire: string, edges: Edge[], nodes: Node[]): Edge | undefined {
  if (!wire) return undefined;
  const [a, b] = wire.split('|');
  if (edges.some((e) => e.type === 'overlay' && [e.data?.a, e.data?.b].sort().join('|') === wire)) return undefined;
  if (!nodes.some((n) => n.id === `node:${a}`) || !nodes.some((n) => n.id === `node:${b}`)) return undefined;
  return { id: `vxlan:${a}:${b}`, source: `node:${a}`, sourceHandle: 'vtep', target: `node:${b}`, targetHandle: 'vtep-in', type: 'overlay', data: { label: 'VXLAN · UDP 8472', a, b } };
}

function Graph() {
  const t = useT();
  const snap = useDeferredSnapshot()!;
  const showSystem = useUi((s) => s.showSystemPods);
  const theme = useUi((s) => s.theme);
  const wire = useUi(activeWire);
  const mode = useGraph((s) => s.mode);
  const expanded = useGraph((s) => s.expanded);
  const focus = useGraph((s) => s.focus);
  const tiles = useMemo(() => tilesFor(snap, showSystem, mode), [snap, showSystem, mode]);
  const built = useMemo<{ nodes: Node[]; edges: Edge[]; map?: MapLayout }>(() => (tiles ? { edges: [] as Edge[], ...buildTileGraph(snap, showSystem, expanded) } : buildGraph(snap, showSystem)), [snap, showSystem, tiles, expanded]);
  // One xyflow type for cards and tiles (CardOrTile).
  const typed = useMemo(() => built.nodes.map((n) => (n.type === 'tile' ? { ...n, type: 'k8sNode' } : n)), [built]);
  // Unchanged nodes keep their objects, so a new snapshot re-renders only the nodes it changed.
  const stable = useStableNodes(typed);
  const [nodes, setNodes, onNodesChange] = useNodesState(stable);
  const ref = useRef<HTMLDivElement>(null);
  const [tick, setTick] = useState(0);
  const flow = useReactFlow();

  useEffect(() => setNodes(stable), [stable, setNodes]);
  // The heatmaps' colours, read while the page is idle: the first heatmap drawn in the middle of a
  // big update (thousands of pods arriving) would otherwise force the whole page's style there.
  useEffect(() => {
    const id = setTimeout(() => warmCellColours(document.documentElement, theme), 300);
    return () => clearTimeout(id);
  }, [theme]);

  // The canvas map (hundreds of nodes): a click on a tile drills into it, hovering names it.
  const map = built.map;
  const tileAt = (e: ReactMouseEvent) => {
    if (!map) return undefined;
    const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
    return mapTileAt(map, p.x, p.y);
  };
  const onMapClick = (e: ReactMouseEvent) => {
    const tile = tileAt(e);
    if (tile) openTile(tile);
  };
  const onMapHover = (e: ReactMouseEvent) => {
    const tile = tileAt(e);
    const el = ref.current;
    // A hollow node's pods are counted, not listed: a click shows the node, not pod cards.
    if (el) el.title = tile ? `${tile.node?.name ?? t('graph.notScheduled')}${tile.node?.hollow ? ` (${t('hollow.badge')})` : ''} · ${t('graph.tiles.pods', { n: tile.count })}${tile.node?.hollow ? '' : ` — ${t('graph.tiles.mapHint')}`}` : '';
    if (el) el.style.cursor = tile ? 'pointer' : '';
  };

  const edges = useMemo(() => {
    const ends = wire ? wire.split('|') : [];
    const out = built.edges.map((e) => (e.type !== 'overlay' && ends.includes(String(e.data?.node)) ? { ...e, className: `${e.className} active`, animated: true } : e));
    const extra = wireEdge(wire, built.edges, built.nodes);
    return extra ? [...out, extra] : out;
  }, [built, wire]);

  // Refit when the picture's shape changes (a node or pod row added) or the canvas resizes;
  // after a drill-down, fit the opened node instead of the whole cluster.
  const shape = built.nodes.map((n) => `${n.id}:${n.height}`).join(',');
  const latest = useRef(built.nodes);
  latest.current = built.nodes;
  const refit = useCallback(() => {
    const f = useGraph.getState().focus;
    const card = f ? latest.current.find((n) => n.id === `node:${f}`) : undefined;
    const el = ref.current;
    if (card && el) {
      // A drilled-into card is tall: show its top at a readable zoom, below the toolbar; scroll for the rest.
      const w = card.width ?? 400;
      const zoom = Math.max(0.5, Math.min(1, (el.clientWidth * 0.9) / w));
      void flow.setViewport({ x: el.clientWidth / 2 - (card.position.x + w / 2) * zoom, y: 84 - card.position.y * zoom, zoom }).then(() => setTick((t) => t + 1));
      return;
    }
    void flow.fitView(tiles ? FIT_TILES : FIT).then(() => setTick((t) => t + 1));
  }, [flow, tiles]);
  useEffect(() => {
    const t = setTimeout(refit, 30);
    return () => clearTimeout(t);
  }, [shape, refit, focus]);
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
    <div className={tiles ? 'graph tiles-mode' : 'graph'} ref={ref} data-testid="cluster-graph" data-mode={tiles ? 'tiles' : 'pods'}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        onNodesChange={onNodesChange}
        // The map's spacer node covers the grid: a click on it is a click on the map.
        onNodeClick={map ? (e, n) => n.id === 'map-space' && onMapClick(e) : noop}
        onPaneClick={map ? onMapClick : undefined}
        onPaneMouseMove={map ? onMapHover : undefined}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        {...VIEW_ONLY_FLOW}
        fitViewOptions={tiles ? FIT_TILES : FIT}
        minZoom={tiles ? 0.05 : 0.3}
        maxZoom={1.6}
        onlyRenderVisibleElements={tiles}
        onMove={() => setTick((t) => t + 1)}
        colorMode={theme}
      >
        <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} />
        {map && <ClusterMap layout={map} />}
        <Controls showInteractive={false} position="bottom-left" />
      </ReactFlow>
      <PacketDot container={ref} viewportTick={tick} />
      <GraphToolbar tiles={tiles} />
      <PaintBar />
    </div>
  );
}
