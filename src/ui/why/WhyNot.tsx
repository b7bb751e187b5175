/**
 * The "Why?" panel: the one thing that decided a failed trace, a Pending pod or a Service
 * without endpoints, its evidence in the tool's own syntax, and the smallest fix as the
 * commands a learner would type. "Try the fix on a copy" shows before/after side by side
 * without changing anything; "Apply it for real" runs the commands through the normal exec
 * path, so they are logged (and undoable) like typed ones. For a Running pod: what its
 * placement means for its packets.
 */
import { useEffect, useState } from 'react';
import { getEngine } from '../engineClient';
import { call, refreshYaml, runCommand, runTrace } from '../actions';
import { useUi } from '../store';
import { useT } from '../i18n';
import { errorMessage } from '../model';
import type { Snapshot } from '../../engine/sim/snapshot';
import type { TryFixResult, WhyNot as Why, WhySubject } from '../../engine/explain/whyNot';
import { actionText } from '../../engine/explain/whyFormat';
import { Placement } from './Placement';

/** What an explanation depends on: the pod's phase and node, the Service's endpoints; a trace is explained once. */
function depOf(snap: Snapshot | undefined, s: WhySubject | undefined): string {
  if (s?.kind === 'pod') {
    const p = snap?.pods.find((x) => x.id === s.pod);
    return p ? `${p.status} ${p.node ?? ''} ${p.ready} ${p.ip ?? ''}` : 'gone';
  }
  // A name depends on the Services there are and on kube-dns's endpoints.
  if (s?.kind === 'dns') return JSON.stringify(snap?.services.map((x) => [x.id, x.endpoints.filter((e) => e.ready).length]) ?? null);
  if (s?.kind === 'service') return JSON.stringify(snap?.services.find((x) => x.id === s.service)?.endpoints ?? null) + JSON.stringify(snap?.services.find((x) => x.id === s.service)?.selector ?? null);
  return '';
}

/** Runs a fix's actions as the learner would: commands in terminals, manifests through apply, waits as time passing. */
async function applyFix(why: Why): Promise<void> {
  for (const a of why.fix?.actions ?? []) {
    if (a.type === 'exec') await runCommand(a.target, a.command);
    else if (a.type === 'apply') {
      const r = await call(() => getEngine().apply(a.manifest));
      useUi.setState({ snapshot: r.snapshot });
    } else if (a.type === 'sleep') {
      const r = await call(() => getEngine().advance(a.ms));
      useUi.setState({ snapshot: r.snapshot });
    }
  }
  void refreshYaml();
  const s = why.subject;
  // Look the name up again in the pod's terminal: the learner sees it resolve (or not) as they would.
  if (s.kind === 'dns') await runCommand(s.from, `nslookup ${s.name}`);
  if (s.kind === 'trace') await runTrace(s.from, s.to, s.proto && s.proto !== 'icmp' ? { proto: s.proto, port: s.port } : {});
}

/** `subject` omitted: the last trace. */
export function WhyNot({ subject: given, compact }: { subject?: WhySubject; compact?: boolean }) {
  const t = useT();
  // Recompute when what the subject depends on changes, not on every tick of simulated time.
  const dep = useUi((s) => depOf(s.snapshot, given));
  // A pod's placement is told from the trace form's source pod, when it is another pod.
  const from = useUi((s) => s.traceForm.from);
  const subject: WhySubject | undefined = given?.kind === 'pod' && !given.peer && from && from !== given.pod ? { ...given, peer: from } : given;
  const [why, setWhy] = useState<Why>();
  const [error, setError] = useState<string>();
  const [tried, setTried] = useState<TryFixResult>();
  const [busy, setBusy] = useState<'load' | 'try' | 'apply'>();
  const key = JSON.stringify(subject ?? null);

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      setBusy((b) => b ?? 'load');
      call(() => getEngine().why(subject), { key: 'busy.why' })
        .then((w) => live && (setWhy(w), setError(undefined), setTried(undefined)))
        .catch((e) => live && setError(errorMessage(e)))
        .finally(() => live && setBusy((b) => (b === 'load' ? undefined : b)));
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // The subject (as JSON) and its dependencies are what matter, not the object's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, dep]);

  const tryIt = async () => {
    if (!why) return;
    setBusy('try');
    try {
      setTried(await call(() => getEngine().tryFix(why), { key: 'busy.tryFix' }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(undefined);
    }
  };
  const applyIt = async () => {
    if (!why) return;
    setBusy('apply');
    try {
      await applyFix(why);
    } finally {
      setBusy(undefined);
    }
  };

  if (error) return <div className="why" data-testid="why"><p className="why-error">{error}</p></div>;
  if (!why) return <div className="why" data-testid="why" aria-busy="true"><p className="muted">{t('why.loading')}</p></div>;
  if (!why.failed && why.placement) return <Placement placement={why.placement} />;
  if (!why.failed) return compact ? null : <div className="why" data-testid="why"><p>{why.cause}</p></div>;
  return (
    <section className="why" data-testid="why" aria-label={t('why.title')}>
      <div className="why-col">
        {/* A name's question is asked above, by the DNS form (with the pod it was looked up from). */}
        {why.subject.kind !== 'trace' && why.subject.kind !== 'dns' && <span className="field-label why-title">{why.subject.kind === 'pod' ? t('why.pendingTitle') : t('why.noEndpointsTitle')}</span>}
        <p className="why-cause" data-testid="why-cause">
          <strong>{t('why.decidedBy')}</strong> {why.cause}
        </p>
        {why.evidence && (
          <div className="why-evidence">
            <span className="field-label">{t('why.evidence')}</span>
            <code className="mono">{why.evidence.target}# {why.evidence.command}</code>
            <pre className="mono" data-testid="why-evidence">{why.evidence.line}</pre>
          </div>
        )}
        {why.details && why.details.length > 0 && (
          <ul className="why-details mono">
            {why.details.map((d) => <li key={d}>{d}</li>)}
          </ul>
        )}
      </div>
      <div className="why-col">
        {why.fix && (
          <div className="why-fix">
            <p className="why-fix-summary"><strong>{t('why.fix', { summary: why.fix.summary })}</strong></p>
            <pre className="mono" data-testid="why-fix">{why.fix.actions.map(actionText).join('\n')}</pre>
            {why.fix.alternatives?.map((a) => <div key={a} className="why-alt mono">{t('why.or', { cmd: a })}</div>)}
            <div className="quick-actions">
              <button type="button" className="btn small" data-testid="why-try" disabled={!!busy} onClick={tryIt}>
                {busy === 'try' ? t('why.trying') : t('why.try')}
              </button>
              <button type="button" className="btn small primary" data-testid="why-apply" disabled={!!busy} onClick={applyIt}>
                {busy === 'apply' ? t('why.applying') : t('why.apply')}
              </button>
            </div>
          </div>
        )}
        {why.noFix && <p className="why-nofix">{why.noFix}</p>}
        {tried && (
          <div className="why-compare" data-testid="why-compare">
            <div className={`why-side ${tried.before.ok ? 'ok' : 'bad'}`}>
              <span className="field-label">{t('why.before')}</span>
              <span data-testid="why-before">{tried.before.text}</span>
            </div>
            <div className={`why-side ${tried.after.ok ? 'ok' : 'bad'}`}>
              <span className="field-label">{t('why.after')}</span>
              <span data-testid="why-after">{tried.after.ok ? '✓ ' : '✕ '}{tried.after.text}</span>
            </div>
            <p className="muted why-untouched">{t('why.untouched')}</p>
          </div>
        )}
      </div>
    </section>
  );
}
