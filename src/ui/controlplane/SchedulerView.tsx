/**
 * Why the scheduler put the selected pod where it is: nodes × filter plugins (pass, or the
 * failing one with its reason) and the normalised score of every score plugin with the
 * weighted total, the chosen node highlighted. A pod that fits nowhere shows the scheduler's
 * FailedScheduling text ("0/3 nodes are available: ...").
 */
import { Fragment, useEffect, useState } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { formatClock } from '../model';
import type { SchedulingView } from '../../worker/protocol';
import { filterCell } from './schedule';

export function SchedulerView({ pod }: { pod: string }) {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  const [view, setView] = useState<{ pod: string; v?: SchedulingView }>();
  useEffect(() => {
    let live = true;
    getEngine()
      .scheduling(pod)
      .then((v) => live && setView({ pod, v }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [pod, hash]);
  if (!view || view.pod !== pod) return null;
  const v = view.v;
  return (
    <div className="sched" data-testid="scheduler-view">
      <h3 className="activity-title">{t('sched.title')}</h3>
      {!v ? (
        <p className="muted sched-none">{t('sched.none')}</p>
      ) : (
        <>
          {v.decision.message && (
            <p className={`sched-message ${v.decision.chosen ? '' : 'bad'}`} data-testid="sched-message">
              {v.decision.message}
            </p>
          )}
          <div className="sched-wrap" tabIndex={0} role="region" aria-label={t('sched.caption', { t: formatClock(v.decision.t) })}>
            <table className="sched-table">
              <caption className="sr-only">{t('sched.caption', { t: formatClock(v.decision.t) })}</caption>
              <thead>
                <tr>
                  <th scope="col">Plugin</th>
                  {v.decision.nodes.map((n) => {
                    const won = n.node === v.decision.chosen;
                    return (
                      <th key={n.node} scope="col" className={`mono ${won ? 'won' : n.rejectedBy ? 'out' : ''}`} title={n.node} data-testid={`sched-node-${n.node}`}>
                        {won && <span aria-hidden="true">★ </span>}
                        {n.node}
                        {won && <span className="sr-only"> ({t('sched.chosen')})</span>}
                      </th>
                    );
                  })}
                </tr>
              </thead>
              <tbody>
                {v.filters.map((f) => (
                  <tr key={f} className="filter-row">
                    <th scope="row" title={`Filter ${f}`}>{camelBreaks(f)}</th>
                    {v.decision.nodes.map((n) => {
                      const c = filterCell(n, f, v.filters);
                      const won = n.node === v.decision.chosen;
                      return (
                        <td key={n.node} className={`fc ${c.state} ${won ? 'won' : ''}`} title={c.state === 'fail' ? c.reason : t(c.state === 'pass' ? 'sched.pass' : c.state === 'skipped' ? 'sched.skipped' : 'sched.notRun')}>
                          {c.state === 'pass' && <span aria-label={t('sched.pass')}>✓</span>}
                          {c.state === 'fail' && (
                            <>
                              <span aria-hidden="true">✕ </span>
                              <span className="reason">{c.reason}</span>
                            </>
                          )}
                          {(c.state === 'notRun' || c.state === 'skipped') && <span aria-label={t(c.state === 'skipped' ? 'sched.skipped' : 'sched.notRun')}>·</span>}
                        </td>
                      );
                    })}
                  </tr>
                ))}
                {v.scores.map((sc, i) => (
                  <tr key={sc.name} className={i === 0 ? 'score-row first' : 'score-row'}>
                    <th scope="row" title={`Score ${sc.name}, ${t('sched.weight', { w: sc.weight })}`}>
                      {camelBreaks(sc.name)} <span className="w">×{sc.weight}</span>
                    </th>
                    {v.decision.nodes.map((n) => (
                      <td key={n.node} className={`num ${n.node === v.decision.chosen ? 'won' : ''}`}>{n.scores[sc.name] ?? '—'}</td>
                    ))}
                  </tr>
                ))}
                <tr className="total-row">
                  <th scope="row">{t('sched.total')}</th>
                  {v.decision.nodes.map((n) => (
                    <td key={n.node} className={`num total ${n.node === v.decision.chosen ? 'won' : ''}`} data-testid={`sched-total-${n.node}`}>
                      {n.rejectedBy || n.skipped ? '—' : n.total}
                    </td>
                  ))}
                </tr>
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}

/** A plugin name that may wrap between its words (NodeResources|Balanced|Allocation) instead of mid-word in a narrow inspector. */
function camelBreaks(name: string) {
  return name.split(/(?=[A-Z][a-z])/).map((part, i) => <Fragment key={i}>{i > 0 && <wbr />}{part}</Fragment>);
}
