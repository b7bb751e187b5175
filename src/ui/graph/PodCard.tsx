/** A pod inside its node: name, IP, phase (colour plus icon and text, so never colour alone). */
import { memo, type KeyboardEvent, type MouseEvent } from 'react';
import type { PodView } from '../../engine/sim/snapshot';
import { useUi } from '../store';
import { select } from '../actions';
import { currentStep, isAt } from './traceFocus';
import { useT } from '../i18n';

const PHASE_ICON: Record<string, string> = { Running: '●', Pending: '◔', Succeeded: '✓', Failed: '✕', Unknown: '?' };

/** `hostNet`: the pod shares its node's network namespace (hostNetwork: its IP is the node's), so it has no veth. */
export const PodCard = memo(function PodCard({ pod, hostNet = false }: { pod: PodView; hostNet?: boolean }) {
  const t = useT();
  const selected = useUi((s) => s.view.selected?.kind === 'pod' && s.view.selected.id === pod.id);
  const here = useUi((s) => isAt(currentStep(s), 'pod', pod.id));
  const role = useUi((s) => (s.trace && s.view.trace ? (s.view.trace.from === pod.id ? 'src' : s.view.trace.to === pod.id ? 'dst' : undefined) : undefined));
  // A reachability row painted onto the graph (ReachabilityPanel): this pod's verdict from its source.
  const paint = useUi((s) => s.reachPaint?.pods[pod.id]);
  const paintSource = useUi((s) => s.reachPaint?.source);
  const phase = PHASE_ICON[pod.phase] ? pod.phase : 'Unknown';
  const onSelect = (e: MouseEvent | KeyboardEvent) => {
    e.stopPropagation();
    select('pod', pod.id);
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect(e);
    }
  };
  // The visible text first (name, role, IP, status), so the accessible name contains what is seen.
  const painted = paint && paintSource ? (paint.ok ? t('graph.paintReachable', { src: paintSource }) : t('graph.paintBlocked', { src: paintSource, reason: paint.reason ?? '' })) + (paint.changed ? ` — ${t('reach.changed')}` : '') : '';
  const label = t('graph.podIn', { label: [pod.name, role, pod.ip ?? '—', hostNet ? 'hostNetwork' : '', pod.status || pod.phase].filter(Boolean).join(' '), ns: pod.namespace }) + (painted ? `; ${painted}` : '');
  const paintClass = paint ? ` paint-${paint.ok ? 'ok' : 'blocked'}${paint.changed ? ' paint-changed' : ''}` : paintSource === pod.id ? ' paint-source' : '';
  return (
    <div
      className={`pod phase-${phase.toLowerCase()} ${selected ? 'selected' : ''} ${here ? 'trace-here' : ''} ${hostNet ? 'host-net' : ''}${paintClass}`}
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-pressed={selected}
      data-testid={`pod-${pod.name}`}
      data-paint={paint ? (paint.ok ? 'ok' : 'blocked') : undefined}
      title={label}
      onClick={onSelect}
      onKeyDown={onKey}
    >
      <div className="pod-top">
        {paint && <span className={`paint-glyph ${paint.ok ? 'ok' : 'blocked'}`} aria-hidden="true">{paint.ok ? '✓' : '✗'}</span>}
        <span className="pod-name">{pod.name}</span>
        {role && <>{' '}<span className={`endpoint ${role}`}>{role}</span></>}
      </div>{' '}
      <div className="pod-bottom">
        <span className="pod-ip mono">{pod.ip ?? '—'}</span>{' '}
        {hostNet && <><span className="host-net-tag" title={t('graph.hostNetTitle')}>host</span>{' '}</>}
        <span className="phase">
          <span aria-hidden="true">{PHASE_ICON[phase]}</span> {pod.status || pod.phase}
        </span>
      </div>
    </div>
  );
});
