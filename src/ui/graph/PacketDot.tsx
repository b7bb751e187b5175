/**
 * The packet as a dot on an SVG overlay above the graph. On a step change it travels with a
 * d3 transition from where it was to the current step's element; with reduced motion (or
 * after pan/zoom) it simply jumps.
 */
import { useEffect, useRef, type RefObject } from 'react';
import { easeCubicInOut, select } from 'd3';
import { useDeferredSnapshot, useUi } from '../store';
import { currentStep } from './traceFocus';
import { locate, type Point } from './locate';

const reducedMotion = () => window.matchMedia?.('(prefers-reduced-motion: reduce)').matches ?? false;

export function PacketDot({ container, viewportTick }: { container: RefObject<HTMLDivElement | null>; viewportTick: number }) {
  const gRef = useRef<SVGGElement>(null);
  const pos = useRef<Point | undefined>(undefined);
  const step = useUi(currentStep);
  const snap = useDeferredSnapshot();

  // Step changed: travel there.
  useEffect(() => {
    const g = gRef.current;
    const root = container.current;
    if (!g || !root) return;
    const sel = select(g);
    const target = step ? locate(root, step, snap) : undefined;
    if (!step || !target) {
      sel.interrupt().attr('opacity', 0);
      pos.current = undefined;
      return;
    }
    const from = pos.current;
    pos.current = target;
    const to = `translate(${target.x},${target.y})`;
    if (!from || reducedMotion()) {
      sel.interrupt().attr('opacity', 1).attr('transform', to);
      return;
    }
    sel.interrupt().attr('opacity', 1).attr('transform', `translate(${from.x},${from.y})`).transition().duration(560).ease(easeCubicInOut).attr('transform', to);
    // snap is deliberately not a dependency: a new snapshot alone must not re-animate.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [step, container]);

  // Pan, zoom or resize: follow the element without animating.
  useEffect(() => {
    const g = gRef.current;
    const root = container.current;
    if (!g || !root || !step) return;
    const target = locate(root, step, snap);
    if (!target) return;
    pos.current = target;
    select(g).interrupt().attr('opacity', 1).attr('transform', `translate(${target.x},${target.y})`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [viewportTick]);

  // The class lives in JSX (not set by the step effect), so it survives a remount of the graph.
  const cls = step ? `packet ${step.leg}${step.stage.includes('drop') || step.summary.startsWith('dropped') ? ' dropped' : ''}` : 'packet';
  return (
    <svg className="packet-overlay" aria-hidden="true">
      <g ref={gRef} className={cls} opacity={0}>
        <circle className="packet-halo" r={13} />
        <circle className="packet-core" r={6} />
      </g>
    </svg>
  );
}
