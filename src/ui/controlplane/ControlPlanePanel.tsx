/**
 * The Control-plane flow: the components as a graph and each new message of the engine's log
 * travelling along its link, one simulated instant after another, so `kubectl apply` is seen
 * going kubectl → kube-apiserver → etcd → kube-scheduler → bind → kubelet → runtime → CNI → status.
 * With reduced motion the link and its label light up without a moving dot.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Background, BackgroundVariant, Controls, ReactFlow, ReactFlowProvider, useReactFlow, type Node } from '@xyflow/react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { buildLayout, fold, stepMs, steps, travelsOf, BOX_H, type Folded } from './flow';
import { CompCard, FlowLink, MachineFrame, type FlowEdge } from './FlowNodes';
import { MessageList } from './MessageList';
import { VIEW_ONLY_FLOW } from '../graph/viewOnly';

const nodeTypes = { comp: CompCard, machine: MachineFrame, spacer: () => null };
const edgeTypes = { flow: FlowLink };
const FIT = { padding: 0.06 };
const KEEP = 400;
const MAX_QUEUED_STEPS = 240;

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export default function ControlPlanePanel() {
  return (
    <ReactFlowProvider>
      <Flow />
    </ReactFlowProvider>
  );
}

function Flow() {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  const nodesView = useUi((s) => s.snapshot?.nodes);
  const theme = useUi((s) => s.theme);
  const layout = useMemo(() => buildLayout(nodesView ?? []), [nodesView]);
  const [list, setList] = useState<Folded[]>([]);
  const [current, setCurrent] = useState<Folded[]>([]);
  const [queued, setQueued] = useState(0);
  const [kick, setKick] = useState(0);
  const [filter, setFilter] = useState('');
  const queue = useRef<Folded[][]>([]);
  const seen = useRef<{ epoch: number; total: number } | undefined>(undefined);
  const still = useMemo(reducedMotion, []);

  // A new snapshot: fetch the messages logged since the last look and queue them.
  useEffect(() => {
    let live = true;
    const since = seen.current;
    getEngine()
      .messages(since?.total ?? 0)
      .then((r) => {
        if (!live) return;
        const fresh = !since || since.epoch !== r.epoch;
        const folded = fold(r.messages, r.total - r.messages.length);
        seen.current = { epoch: r.epoch, total: r.total };
        if (fresh) {
          queue.current = [];
          setCurrent([]);
          setList(folded.slice(-KEEP));
          return;
        }
        if (!folded.length) return;
        setList((l) => [...l, ...folded].slice(-KEEP));
        queue.current = [...queue.current, ...steps(folded)].slice(-MAX_QUEUED_STEPS);
        setQueued(queue.current.length);
        setKick((k) => k + 1);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hash]);

  // The player: show one step, then the next; idle when the queue is empty.
  const ms = stepMs(queued);
  useEffect(() => {
    if (current.length === 0 && queue.current.length === 0) return;
    const timer = setTimeout(
      () => {
        const next = queue.current.shift() ?? [];
        setQueued(queue.current.length);
        setCurrent(next);
      },
      current.length ? ms : 0,
    );
    return () => clearTimeout(timer);
  }, [current, kick, ms]);

  const travels = useMemo(() => travelsOf(current, layout.links), [current, layout]);

  const activeComps = useMemo(() => {
    const s = new Set<string>();
    for (const l of layout.links) if (travels.has(l.id)) s.add(l.source).add(l.target);
    return s;
  }, [travels, layout]);

  const nodes: Node[] = useMemo(
    () => [
      // Room above the top row for the labels of kubectl → apiserver → etcd.
      { id: 'space-top', type: 'spacer', position: { x: 0, y: -48 }, width: 1, height: 1, data: {}, draggable: false, selectable: false },
      ...layout.machines.map((m) => ({ id: m.id, type: 'machine', position: { x: m.x, y: m.y }, width: m.w, height: m.h, data: { label: m.label }, draggable: false, selectable: false, zIndex: -1 })),
      ...layout.boxes.map((b) => ({
        id: b.id,
        type: 'comp',
        position: { x: b.x, y: b.y },
        width: b.w,
        height: BOX_H,
        data: { box: b, active: activeComps.has(b.id) },
        draggable: false,
        selectable: false,
      })),
    ],
    [layout, activeComps],
  );

  const edges: FlowEdge[] = useMemo(
    () =>
      layout.links.map((l) => ({
        id: l.id,
        source: l.source,
        target: l.target,
        sourceHandle: l.sourceHandle,
        targetHandle: `${l.targetHandle}-in`,
        type: 'flow',
        data: { travel: travels.get(l.id), ms, still },
      })),
    [layout, travels, ms, still],
  );

  return (
    <div className="cp-panel" data-testid="cp-panel">
      <div className="cp-graph" role="group" aria-label={t('cp.graph')}>
        <FitOnResize />
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          {...VIEW_ONLY_FLOW}
          fitViewOptions={FIT}
          minZoom={0.2}
          maxZoom={1.5}
          onNodeClick={(_, n) => n.type === 'comp' && setFilter((f) => (f === n.id ? '' : n.id))}
          colorMode={theme}
          proOptions={{ hideAttribution: true }}
        >
          <Background variant={BackgroundVariant.Dots} gap={22} size={1.2} />
          <Controls showInteractive={false} position="bottom-left" />
        </ReactFlow>
      </div>
      <MessageList list={list} current={current} queued={queued} filter={filter} setFilter={setFilter} />
    </div>
  );
}

/** Refits the picture when the canvas changes size. */
function FitOnResize() {
  const flow = useReactFlow();
  const ref = useRef<HTMLSpanElement>(null);
  const refit = useCallback(() => void flow.fitView(FIT), [flow]);
  useEffect(() => {
    const el = ref.current?.parentElement;
    if (!el) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ro = new ResizeObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(refit, 60);
    });
    ro.observe(el);
    return () => {
      ro.disconnect();
      clearTimeout(timer);
    };
  }, [refit]);
  return <span ref={ref} hidden />;
}
