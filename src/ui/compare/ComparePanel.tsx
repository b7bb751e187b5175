/**
 * Side-by-side dataplanes: the current scenario and its action log replayed under two settings,
 * the trace form's packet sent in both, and the steps, the routes and the iptables rules of the
 * sending node next to each other — what only one side has is marked. Nothing here changes the
 * learner's own cluster: the worker compares on replayed copies.
 */
import { useMemo, useState } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { call } from '../actions';
import { errorMessage } from '../model';
import type { Comparison, CompareSide } from '../../engine/explain/compare';
import type { DiffLine } from '../../engine/explain/lineDiff';
import { STANDARD_COMPARISONS as COMPARISONS, FROM_INTERNET } from '../../engine/explain/comparisons';
import CniTable from './CniTable';
import './verdict.css';

export default function ComparePanel() {
  const t = useT();
  const form = useUi((s) => s.traceForm);
  const [which, setWhich] = useState(COMPARISONS[0].id);
  // externalTrafficPolicy: the packet comes from the internet to a LoadBalancer/NodePort Service picked here.
  const services = useUi((s) => s.snapshot?.services);
  const external = useMemo(() => services?.filter((v) => v.type === 'LoadBalancer' || v.type === 'NodePort'), [services]);
  const [service, setService] = useState<string>();
  const fromInternet = which === FROM_INTERNET;
  const svc = service && external?.some((v) => v.id === service) ? service : external?.[0]?.id;
  const [result, setResult] = useState<Comparison>();
  const [error, setError] = useState<string>();
  const [running, setRunning] = useState(false);
  const run = async (): Promise<void> => {
    setRunning(true);
    try {
      const probe = fromInternet ? { from: 'internet', to: '', service: svc } : { from: form.from, to: form.to, ...(form.proto && form.proto !== 'icmp' ? { proto: form.proto, port: form.port ?? 80 } : {}) };
      setResult(await call(() => getEngine().compare(which, probe)));
      setError(undefined);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(false);
    }
  };
  return (
    <div className="compare" data-testid="compare">
      <form
        className="compare-bar"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          <span className="field-label">{t('compare.settings')}</span>
          <select value={which} data-testid="compare-which" onChange={(e) => setWhich(e.target.value)}>
            {COMPARISONS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.label}
              </option>
            ))}
          </select>
        </label>
        {fromInternet && (
          <label>
            <span className="field-label">{t('compare.etpService')}</span>
            <select value={svc ?? ''} data-testid="compare-service" onChange={(e) => setService(e.target.value)}>
              {(external ?? []).map((v) => (
                <option key={v.id} value={v.id}>
                  {v.id} ({v.type})
                </option>
              ))}
            </select>
          </label>
        )}
        {fromInternet ? (
          <span className="compare-probe">{svc ? t('compare.etpProbe', { svc }) : t('compare.etpNone')}</span>
        ) : (
          <span className="compare-probe">{t('compare.probe', { from: form.from || '—', to: form.to || '—', what: form.proto && form.proto !== 'icmp' ? `${form.proto.toUpperCase()} ${form.port ?? 80}` : 'ICMP echo' })}</span>
        )}
        <button type="submit" className="btn primary" data-testid="compare-run" disabled={running || (fromInternet ? !svc : !form.from || !form.to)}>
          {running ? t('compare.running') : t('compare.run')}
        </button>
      </form>
      {error && (
        <p className="compare-error" role="alert">
          {error}
        </p>
      )}
      {!result && !error && <p className="empty">{t('compare.empty')}</p>}
      {result && (
        <div className="compare-body">
          <div className="compare-heads">
            <SideHead side={result.a} other={result.b} />
            <SideHead side={result.b} other={result.a} />
          </div>
          <Section title={t('compare.steps')} lines={result.steps} testid="compare-steps" split={(l) => l.split('\t')[1] ?? l} />
          <Section title={t('compare.routes', { node: result.a.node ?? '?' })} lines={result.routes} testid="compare-routes" />
          <Section title={t('compare.rules', { command: rulesTitle(result.a.rulesCommand, result.b.rulesCommand), node: result.a.node ?? '?' })} lines={result.iptables} testid="compare-iptables" collapsed />
        </div>
      )}
      {which === 'cni' && <CniTable />}
    </div>
  );
}

/** Whether two sides ended differently or were decided by different rules: the columns are then marked. */
const differs = (a: CompareSide, b: CompareSide): boolean => a.verdict?.kind !== b.verdict?.kind || a.verdict?.rule !== b.verdict?.rule;

/** The listing each side's rules come from: iptables-save, or nft list ruleset in nftables mode. */
function rulesTitle(a = 'iptables-save', b = 'iptables-save'): string {
  return a === b ? a : `${a} ↔ ${b}`;
}

function SideHead({ side, other }: { side: CompareSide; other: CompareSide }) {
  const t = useT();
  const v = side.verdict;
  const outcome = side.trace ? (side.trace.outcome === 'delivered' ? t('compare.delivered', { n: side.trace.steps.length }) : t('compare.dropped', { reason: side.trace.reason ?? '' })) : (side.error ?? '');
  const diff = !!v && differs(side, other);
  return (
    <div className={`compare-head ${side.trace?.outcome ?? 'error'}${v ? ` v-${v.kind}` : ''}${diff ? ' differs' : ''}`} data-testid="compare-head">
      <strong>
        {side.label}
        {diff && <span className="compare-diff-tag">{t('compare.verdict.differs')}</span>}
      </strong>
      {v ? (
        <>
          <span className="compare-verdict" data-testid="compare-verdict">
            <span className="compare-kind">{t(`compare.verdict.${v.kind}`)}</span> {v.kind === 'dropped' ? '' : v.text}
          </span>
          {v.kind === 'dropped' && <span className="compare-reason">{side.trace?.reason}</span>}
          {v.step !== undefined && (
            <span className="compare-decided" data-testid="compare-decided">
              <span className="muted">{t('compare.verdict.decidedAt', { host: v.host ?? '', stage: v.stage ?? '', n: v.step + 1 })}</span>
              {v.rule && <code className="mono compare-rule">{v.rule}</code>}
              {v.note && <span className="compare-note">{v.note}</span>}
            </span>
          )}
        </>
      ) : (
        <span>{outcome}</span>
      )}
      {side.clientSeen && (
        <span className="compare-seen" data-testid="compare-seen">
          {t('compare.clientSeen', { pod: side.clientSeen.pod, src: side.clientSeen.src })}
        </span>
      )}
    </div>
  );
}

/** One diff as two columns: a line only on the left, only on the right, or on both. */
function Section({ title, lines, testid, collapsed, split = (l) => l }: { title: string; lines: DiffLine[]; testid: string; collapsed?: boolean; split?: (l: string) => string }) {
  const t = useT();
  const only = lines.filter((l) => l.op !== ' ').length;
  return (
    <details className="compare-section" open={!collapsed} data-testid={testid}>
      <summary>
        {title} <span className="compare-count">{t('compare.differences', { n: only })}</span>
      </summary>
      <div className="compare-grid" role="table" aria-label={title}>
        {lines.map((l, i) => (
          <div key={i} className={`compare-row op-${l.op === ' ' ? 'same' : l.op === '-' ? 'left' : 'right'}`} role="row">
            <span role="cell" className="compare-cell">{l.op === '+' ? '' : split(l.text)}</span>
            <span role="cell" className="compare-cell">{l.op === '-' ? '' : split(l.op === ' ' ? (l.other ?? l.text) : l.text)}</span>
          </div>
        ))}
      </div>
    </details>
  );
}
