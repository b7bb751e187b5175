/**
 * The scale lens: sliders for nodes, Services and endpoints per Service and the kube-proxy
 * mode; the worker runs kube-proxy's real rule builder on synthetic Services and returns the
 * per-node rule counts, KUBE-SERVICES' length and the rules a first packet walks, plus the
 * walk against the Service count for both modes (the chart). Published thresholds are marked.
 */
import { useEffect, useRef, useState } from 'react';
import { useUi } from '../store';
import { useT, type MessageKey } from '../i18n';
import { getEngine } from '../engineClient';
import { errorMessage } from '../model';
import { LIMITS, THRESHOLDS, type LensMode, type LensView } from '../../engine/explain/scaleLens';
import { fromLog, lensChart, LOG_STEPS, toLog } from './chart';
import { BuildCluster } from './BuildCluster';
import './lens.css';

const W = 460;
const H = 240;

export default function ScalePanel() {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const fmt = new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US');
  const [nodes, setNodes] = useState(3);
  const [services, setServices] = useState(100);
  const [endpoints, setEndpoints] = useState(3);
  const [mode, setMode] = useState<LensMode>('iptables');
  const [view, setView] = useState<LensView>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const id = ++seq.current;
    setBusy(true);
    // A short pause so dragging a slider asks the worker once it rests, not for every pixel.
    const timer = setTimeout(() => {
      getEngine()
        .scaleLens({ nodes, services, endpoints, mode })
        .then((v) => {
          if (id !== seq.current) return;
          setView(v);
          setError(undefined);
        })
        .catch((e: unknown) => id === seq.current && setError(errorMessage(e)))
        .finally(() => id === seq.current && setBusy(false));
    }, 60);
    return () => clearTimeout(timer);
  }, [nodes, services, endpoints, mode]);

  const r = view?.result;
  const chart = view ? lensChart(view.series, W, H) : undefined;
  const svcMarkers = THRESHOLDS.filter((x) => x.id === 'services' || x.id === 'iptablesServices');
  return (
    <div className="lens" data-testid="lens">
      <h2>{t('lens.title')}</h2>
      <p className="lens-intro">{t('lens.intro')}</p>
      <div className="lens-controls">
        <label htmlFor="lens-nodes">
          <span className="field-label">
            {t('lens.nodes')}: <output htmlFor="lens-nodes">{fmt.format(nodes)}</output>
          </span>
          <input id="lens-nodes" type="range" min={0} max={LOG_STEPS} value={toLog(nodes, LIMITS.nodes[1])} aria-valuetext={fmt.format(nodes)} data-testid="lens-nodes" onChange={(e) => setNodes(fromLog(Number(e.target.value), LIMITS.nodes[1]))} />
        </label>
        <label htmlFor="lens-services">
          <span className="field-label">
            {t('lens.services')}: <output htmlFor="lens-services">{fmt.format(services)}</output>
          </span>
          <input id="lens-services" type="range" min={LIMITS.services[0]} max={LIMITS.services[1]} value={services} aria-valuetext={fmt.format(services)} data-testid="lens-services" onChange={(e) => setServices(Number(e.target.value))} />
        </label>
        <label htmlFor="lens-endpoints">
          <span className="field-label">
            {t('lens.endpoints')}: <output htmlFor="lens-endpoints">{fmt.format(endpoints)}</output>
          </span>
          <input id="lens-endpoints" type="range" min={LIMITS.endpoints[0]} max={LIMITS.endpoints[1]} value={endpoints} aria-valuetext={fmt.format(endpoints)} data-testid="lens-endpoints" onChange={(e) => setEndpoints(Number(e.target.value))} />
        </label>
        <fieldset className="lens-mode">
          <legend className="field-label">{t('lens.mode')}</legend>
          {(['iptables', 'ipvs', 'nftables'] as const).map((m) => (
            <label key={m}>
              <input type="radio" name="lens-mode" value={m} checked={mode === m} data-testid={`lens-mode-${m}`} onChange={() => setMode(m)} />
              {m}
            </label>
          ))}
        </fieldset>
      </div>
      {error && <p className="compare-error" role="alert">{error}</p>}
      <div className="lens-body">
        <div>
          <div role="status" aria-live="polite" aria-busy={busy} data-testid="lens-numbers">
            {r ? (
              <dl className="lens-numbers">
                <dt data-testid="lens-nat">{fmt.format(r.natRules)}</dt>
                <dd>{t('lens.natRules')}</dd>
                <dt>{fmt.format(r.filterRules)}</dt>
                <dd>{t('lens.filterRules')}</dd>
                <dt data-testid="lens-kube-services">{fmt.format(r.kubeServices)}</dt>
                <dd>{t('lens.kubeServices')}</dd>
                <dt data-testid="lens-walked" className={r.lookup === 'O(n)' && r.walked > 1000 ? 'lens-big' : undefined}>
                  {fmt.format(r.walked)}
                </dt>
                <dd>
                  {t('lens.walked')} — {t('lens.lookup')} {r.lookup}
                </dd>
                {r.mode === 'ipvs' && (
                  <>
                    <dt>{fmt.format(r.ipsetEntries)}</dt>
                    <dd>{t('lens.ipset')}</dd>
                    <dt>
                      {fmt.format(r.virtualServers)} / {fmt.format(r.realServers)}
                    </dt>
                    <dd>{t('lens.ipvs')}</dd>
                  </>
                )}
                {r.mode === 'nftables' && (
                  <>
                    <dt>{fmt.format(r.mapElements)}</dt>
                    <dd>{t('lens.nftElements')}</dd>
                  </>
                )}
                <dt>{fmt.format(r.clusterRules)}</dt>
                <dd>{t('lens.cluster')}</dd>
                <dt>{fmt.format(r.pods)}</dt>
                <dd>{t('lens.pods')}</dd>
              </dl>
            ) : (
              <p className="lens-note">{t('lens.computing')}</p>
            )}
            {r && <p className={`lens-note${r.extrapolated ? ' extrapolated' : ''}`} data-testid="lens-provenance">{r.extrapolated ? t('lens.extrapolated', { n: fmt.format(r.measuredServices) }) : t('lens.measured')}</p>}
          </div>
          {r && (
            <section aria-label={t('lens.thresholds')}>
              <h3 className="field-label">{t('lens.thresholds')}</h3>
              <ul className="lens-thresholds" data-testid="lens-thresholds">
                {r.thresholds.map((x) => (
                  <li key={x.id} className={x.crossed ? 'crossed' : 'within'}>
                    {x.crossed ? '⚠ ' : '✓ '}
                    {t(`lens.threshold.${x.id}` as MessageKey, { limit: fmt.format(x.limit) })} — {t(x.crossed ? 'lens.crossed' : 'lens.within', { value: fmt.format(x.value) })}
                    <a href={x.source} target="_blank" rel="noreferrer">
                      {t('lens.source')}
                    </a>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
        {chart && view && (
          <figure className="lens-chart" style={{ margin: 0 }}>
            <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={t('lens.chart', { e: endpoints })}>
              <line className="axis" x1={chart.x(0)} x2={chart.x(LIMITS.services[1])} y1={chart.y(0)} y2={chart.y(0)} />
              <line className="axis" x1={chart.x(0)} x2={chart.x(0)} y1={chart.y(0)} y2={chart.y.range()[1]} />
              {chart.x.ticks(5).map((v) => (
                <text key={`x${v}`} className="tick" x={chart.x(v)} y={H - 14} textAnchor="middle">
                  {fmt.format(v)}
                </text>
              ))}
              {chart.y.ticks(4).map((v) => (
                <text key={`y${v}`} className="tick" x={chart.x(0) - 4} y={chart.y(v) + 3} textAnchor="end">
                  {fmt.format(v)}
                </text>
              ))}
              <text className="tick" x={W - 12} y={H - 2} textAnchor="end">
                {t('lens.chartServices')}
              </text>
              {svcMarkers.map((m) => (
                <g key={m.id}>
                  <line className="marker" x1={chart.x(m.limit)} x2={chart.x(m.limit)} y1={chart.y(0)} y2={chart.y.range()[1]} />
                  <text className="marker-label" x={chart.x(m.limit) - 3} y={chart.y.range()[1] + 10} textAnchor="end">
                    {fmt.format(m.limit)}
                  </text>
                </g>
              ))}
              <line className="now" x1={chart.x(services)} x2={chart.x(services)} y1={chart.y(0)} y2={chart.y.range()[1]} />
              <path className="iptables" d={chart.iptables} />
              <path className="ipvs" d={chart.ipvs} />
              <path className="nftables" d={chart.nftables} />
              <g className="legend" transform={`translate(${chart.x(0) + 8}, ${chart.y.range()[1] + 4})`}>
                <line className="iptables" x1={0} x2={18} y1={6} y2={6} />
                <text x={22} y={10} fill="currentColor">
                  iptables — O(n)
                </text>
                <line className="ipvs" x1={0} x2={18} y1={22} y2={22} />
                <text x={22} y={26} fill="currentColor">
                  ipvs — O(1)
                </text>
                <line className="nftables" x1={0} x2={18} y1={38} y2={38} />
                <text x={22} y={42} fill="currentColor">
                  nftables — O(1)
                </text>
              </g>
            </svg>
            <figcaption>{t('lens.chart', { e: endpoints })}</figcaption>
          </figure>
        )}
      </div>
      <BuildCluster mode={mode} />
    </div>
  );
}
