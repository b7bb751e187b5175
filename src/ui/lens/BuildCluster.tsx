/**
 * "Build this cluster": the lens computes rules for a cluster of any size; this boots a real
 * simulated one — every node with its kubelet, kube-proxy and flannel, every pod scheduled — as
 * a plain scenario (engine/scenario/big.ts), loaded like a scenario file. The progress of the
 * boot shows in the busy indicator; the link button then shares it like any other scenario.
 */
import { useState, type FormEvent } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import { call } from '../actions';
import { errorMessage } from '../model';
import { showLoaded } from '../scenarios/persist';
import { BIG_LIMITS, ENVELOPE, MAX_PODS_PER_NODE, bigCluster, checkBigCluster, maxHollowNodes, maxReplicas, maxServices, type BigClusterSpec, type KubeProxyMode } from '../../engine/scenario/big';

/** Kubernetes' documented envelope in one click: 9 workers and the control plane are machines, the other 4,990 nodes hollow. */
const ENVELOPE_PRESET = { workers: 9, hollow: ENVELOPE.nodes - 10, replicas: ENVELOPE.pods };

export function BuildCluster({ mode }: { mode: KubeProxyMode }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const fmt = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US');
  const [workers, setWorkers] = useState(100);
  const [hollow, setHollow] = useState(0);
  const [replicas, setReplicas] = useState(1000);
  const [services, setServices] = useState(0);
  const [proxyMode, setProxyMode] = useState<KubeProxyMode | undefined>();
  const [error, setError] = useState<string>();
  const [building, setBuilding] = useState(false);
  const spec: BigClusterSpec = { workers, replicas, services, kubeProxyMode: proxyMode ?? mode, ...(hollow ? { hollowNodes: hollow } : {}) };
  const problems = checkBigCluster(spec);
  const whole = (v: number) => Number.isInteger(v) && v >= 0;
  // Every node, hollow ones too, takes at most --max-pods.
  const pending = Math.max(0, replicas - (workers + (whole(hollow) ? hollow : 0)) * MAX_PODS_PER_NODE);
  const hollowMax = maxHollowNodes(whole(workers) ? Math.min(Math.max(workers, 1), BIG_LIMITS.workers) : 1);
  const replicasMax = maxReplicas(whole(hollow) ? Math.min(hollow, hollowMax) : 0);
  const total = whole(workers) && whole(hollow) ? workers + 1 + hollow : undefined;
  const title = problems.length > 0 ? problems.join('; ') : undefined;
  // kube-proxy programs every Service on every node: the more nodes, the fewer Services.
  const svcMax = Number.isInteger(workers) && workers >= 1 ? maxServices(Math.min(workers, BIG_LIMITS.workers)) : BIG_LIMITS.services;

  async function build(e: FormEvent): Promise<void> {
    e.preventDefault();
    if (problems.length > 0 || building) return;
    setBuilding(true);
    setError(undefined);
    try {
      const text = JSON.stringify(bigCluster(spec));
      const nodes = fmt.format(workers + 1 + hollow);
      const r = await call(() => getEngine().loadFile(text, 'cluster.json'), { key: 'build.busy', params: { nodes } });
      if (r.error) setError(r.error);
      else showLoaded(r, { toast: t('build.done', { nodes }) });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBuilding(false);
    }
  }

  const num = (id: string, value: number, max: number, min: number, set: (v: number) => void, label: string, describedBy?: string) => (
    <label htmlFor={id}>
      <span className="field-label">{label}</span>
      <input id={id} type="number" min={min} max={max} step={1} value={Number.isNaN(value) ? '' : value} data-testid={id} aria-describedby={describedBy} onChange={(e) => set(e.target.value === '' ? NaN : Number(e.target.value))} />
    </label>
  );
  const envelope = () => {
    setWorkers(ENVELOPE_PRESET.workers);
    setHollow(ENVELOPE_PRESET.hollow);
    setReplicas(ENVELOPE_PRESET.replicas);
    setServices((s) => (Number.isInteger(s) ? Math.min(s, maxServices(ENVELOPE_PRESET.workers)) : 0));
  };
  const envelopeTitle = t('build.envelopeTitle', { workers: ENVELOPE_PRESET.workers, hollow: fmt.format(ENVELOPE_PRESET.hollow), nodes: fmt.format(ENVELOPE.nodes), pods: fmt.format(ENVELOPE.pods) });
  return (
    <section className="lens-build" aria-labelledby="build-title" data-testid="build-cluster">
      <h3 id="build-title">{t('build.title')}</h3>
      <p className="lens-intro">{t('build.intro', { machines: fmt.format(BIG_LIMITS.workers + 1), nodes: fmt.format(ENVELOPE.nodes) })}</p>
      <form className="lens-controls" onSubmit={(e) => void build(e)}>
        {num('build-workers', workers, BIG_LIMITS.workers, 1, setWorkers, t('build.workers', { max: fmt.format(BIG_LIMITS.workers) }))}
        {num('build-hollow', hollow, hollowMax, 0, setHollow, t('build.hollow', { max: fmt.format(hollowMax) }), 'build-hollow-note')}
        {num('build-replicas', replicas, replicasMax, 0, setReplicas, t('build.replicas', { max: fmt.format(replicasMax) }))}
        {num('build-services', services, svcMax, 0, setServices, t('build.services', { max: fmt.format(svcMax) }))}
        <label htmlFor="build-mode">
          <span className="field-label">{t('lens.mode')}</span>
          <select id="build-mode" value={spec.kubeProxyMode} data-testid="build-mode" onChange={(e) => setProxyMode(e.target.value as KubeProxyMode)}>
            {(['iptables', 'ipvs', 'nftables'] as const).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        <div className="lens-build-go">
          <button type="submit" className="btn primary" disabled={problems.length > 0 || building} data-testid="build-run">
            {total !== undefined && hollow > 0 ? t('build.runHollow', { nodes: fmt.format(total), hollow: fmt.format(hollow) }) : t('build.run', { nodes: total !== undefined ? fmt.format(total) : '…' })}
          </button>
        </div>
      </form>
      <p className="lens-note" id="build-hollow-note" data-testid="build-hollow-note">
        {t('build.hollowNote', { nodes: fmt.format(ENVELOPE.nodes), pods: fmt.format(ENVELOPE.pods) })}{' '}
        <button type="button" className="btn link" data-testid="build-envelope" title={envelopeTitle} onClick={envelope}>
          {t('build.envelope')}
        </button>
      </p>
      {pending > 0 && problems.length === 0 && <p className="lens-note extrapolated">{t('build.pending', { n: fmt.format(pending), max: MAX_PODS_PER_NODE })}</p>}
      {problems.length > 0 && (
        <p className="lens-note extrapolated" data-testid="build-problems" title={title}>
          {t('build.invalid')}
        </p>
      )}
      {error && (
        <p className="compare-error" role="alert" data-testid="build-error">
          {error}
        </p>
      )}
    </section>
  );
}
