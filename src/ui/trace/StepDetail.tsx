/** The current hop: what happened, what decided it, and the packet by layer. */
import type { Trace } from '../../engine/net/trace';
import { useUi } from '../store';
import { PduTable } from './PduTable';
import { useT } from '../i18n';

export function StepDetail({ trace }: { trace: Trace }) {
  const t = useT();
  const i = useUi((s) => s.view.trace?.step ?? 0);
  const step = trace.steps[i];
  if (!step) return null;
  return (
    <div className="step-detail" data-testid="trace-detail" aria-label={t('trace.stepDetails', { n: i + 1 })} tabIndex={0}>
      <div className="detail-head">
        <span className="stage mono">{step.stage}</span>
        <span className="where">
          {step.nsLabel}
          {step.device && <span className="mono"> · {step.device}</span>}
        </span>
        <span className="cost">{step.costUs} µs</span>
      </div>
      <p className="detail-summary">{step.summary}</p>
      <div className="decided">
        <span className="decided-label">{t('trace.decidedBy')}</span>
        <code className="mono" data-testid="trace-decided-by">{step.decidedBy ?? '—'}</code>
      </div>
      <PduTable before={step.before} after={step.after} changed={step.changed} />
    </div>
  );
}
