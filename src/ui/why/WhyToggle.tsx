/** The trace outcome's "Why?" button and the panel it opens below the outcome (for the trace shown). */
import { create } from 'zustand';
import type { Trace } from '../../engine/net/trace';
import { useT } from '../i18n';
import { WhyNot } from './WhyNot';

/** The trace the panel is open for: a new trace closes it. */
const useWhyOpen = create<{ trace?: Trace }>(() => ({}));

export const traceNeedsWhy = (t: Trace): boolean => t.outcome === 'dropped' || !t.replied || !!t.icmpError || !!t.refused;

export function WhyButton({ trace }: { trace: Trace }) {
  const t = useT();
  const open = useWhyOpen((s) => s.trace === trace);
  if (!traceNeedsWhy(trace)) return null;
  return (
    <button type="button" className="btn small why-button" data-testid="why-button" aria-expanded={open} onClick={() => useWhyOpen.setState({ trace: open ? undefined : trace })}>
      {t('why.button')}
    </button>
  );
}

export function WhyTracePanel({ trace }: { trace: Trace }) {
  const open = useWhyOpen((s) => s.trace === trace);
  return open ? <div className="why-dock"><WhyNot /></div> : null;
}
