/** The ordered hops; the current one is marked (aria-current) and kept in view. */
import { useEffect, useRef } from 'react';
import type { Trace } from '../../engine/net/trace';
import { setTraceStep, useUi } from '../store';
import { useT } from '../i18n';

export function StepList({ trace }: { trace: Trace }) {
  const t = useT();
  const current = useUi((s) => s.view.trace?.step ?? 0);
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    const list = listRef.current;
    const row = list?.querySelector<HTMLElement>('[aria-current="step"]');
    if (!list || !row) return;
    // Scroll only the list (scrollIntoView could move the whole page).
    const top = row.offsetTop - list.offsetTop;
    if (top < list.scrollTop) list.scrollTop = top - 4;
    else if (top + row.offsetHeight > list.scrollTop + list.clientHeight) list.scrollTop = top + row.offsetHeight - list.clientHeight + 4;
  }, [current, trace]);
  return (
    <ol className="step-list" ref={listRef} aria-label={t('trace.steps')}>
      {trace.steps.map((s, i) => {
        const dropped = s.summary.startsWith('dropped') || (i === trace.steps.length - 1 && trace.outcome === 'dropped');
        return (
          <li key={i} data-testid={`trace-step-${s.n}`} aria-current={i === current ? 'step' : undefined} className={`step-row ${s.leg} ${i === current ? 'current' : ''} ${i < current ? 'past' : ''} ${dropped ? 'dropped' : ''}`}>
            <button type="button" onClick={() => setTraceStep(i)}>
              <span className="step-n">{i + 1}</span>
              <span className={`leg ${s.leg}`}><span aria-hidden="true">{s.leg === 'request' ? '→ ' : '← '}</span>{s.leg === 'request' ? t('trace.request') : t('trace.reply')}</span>
              <span className="step-ns" title={s.nsLabel}>{s.nsLabel}</span>
              <span className="step-dev mono" title={s.device}>{s.device ?? ''}</span>
              <span className="step-summary" title={s.summary}>{s.summary}</span>
            </button>
          </li>
        );
      })}
    </ol>
  );
}
