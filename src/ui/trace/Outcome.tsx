/** One line that says how the trace ended, and why when it was dropped. */
import type { Trace } from '../../engine/net/trace';
import { useUi } from '../store';
import { findPod } from '../model';
import { useT } from '../i18n';
import { WhyButton, WhyTracePanel } from '../why/WhyToggle';

export function Outcome({ trace }: { trace: Trace }) {
  const t = useT();
  const ends = useUi((s) => s.view.trace);
  const snap = useUi((s) => s.snapshot);
  const ok = trace.outcome === 'delivered';
  const rtt = `${(trace.rttUs / 1000).toFixed(3)} ms`;
  // The walker picks the source address during routing, so take it from the first packet.
  const srcIp = trace.src || trace.steps.find((s) => s.after.ip.src)?.after.ip.src || '';
  const name = (id: string | undefined, ip: string) => {
    const p = findPod(snap, id);
    return p ? `${p.name} (${p.ip ?? ip})` : ip || id || '?';
  };
  return (
    <>
    <div className={`outcome ${ok ? 'ok' : 'bad'}`} data-testid="trace-outcome" role="status">
      <span className="outcome-icon" aria-hidden="true">{ok ? '✓' : '✕'}</span>
      <strong>{ok ? t('trace.delivered') : t('trace.dropped')}</strong>
      <WhyButton trace={trace} />
      <span className="mono outcome-path">{name(ends?.from, srcIp)} → {name(ends?.to, trace.dst)}</span>
      {ok && <span>{trace.replied ? (trace.replyTtl !== undefined ? t('trace.replyReceivedTtl', { ttl: trace.replyTtl, rtt }) : t('trace.replyReceived', { rtt })) : t('trace.noReply')}</span>}
      {!ok && trace.reason && <span className="outcome-reason">{trace.reason}</span>}
      {trace.notes?.map((n) => <span key={n} className="outcome-reason" data-testid="trace-note">{n}</span>)}
    </div>
    <WhyTracePanel trace={trace} />
    </>
  );
}
