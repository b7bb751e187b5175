/**
 * Each HorizontalPodAutoscaler's replica count (steps) and average CPU utilization (line,
 * dashed target) over simulated time, one small d3 chart per HPA, from the HPA controller's
 * 15 s syncs.
 */
import { useEffect, useRef, useState } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { getEngine } from '../engineClient';
import type { HpaSeries } from '../../engine/controllers/hpa';
import { tickLabel } from '../events/timeline';
import { chartGeometry } from './chart';

const HEIGHT = 120;

function Chart({ s, now, width }: { s: HpaSeries; now: number; width: number }) {
  const t = useT();
  const g = chartGeometry(s.samples, s.max, s.target, now, width, HEIGHT);
  const last = s.samples[s.samples.length - 1];
  const [r0, r1] = g.x.range();
  return (
    <figure className="hpa-chart" data-testid="hpa-chart" data-hpa={s.id}>
      <figcaption className="mono">
        {s.id} → {s.reference} · {t('hpa.replicas')} <strong>{last?.replicas ?? '–'}</strong> · CPU <strong>{last?.cpu == null ? '<unknown>' : `${last.cpu}%`}</strong>/{s.target}%
      </figcaption>
      <svg width="100%" height={HEIGHT} role="img" aria-label={t('hpa.chartLabel', { name: s.id })}>
        <line className="axis-line" x1={r0} x2={r1} y1={g.replicasY(0)} y2={g.replicasY(0)} />
        {g.x.ticks(Math.max(2, Math.floor(width / 90))).map((v) => (
          <text key={v} className="axis-label" x={g.x(v)} y={HEIGHT - 6} textAnchor="middle">{tickLabel(v)}</text>
        ))}
        {g.replicasY.ticks(Math.min(s.max, 5)).map((v) => (
          <text key={`r${v}`} className="axis-label hpa-replicas-label" x={r0 - 6} y={g.replicasY(v) + 3} textAnchor="end">{v}</text>
        ))}
        {g.cpuY.ticks(4).map((v) => (
          <text key={`c${v}`} className="axis-label hpa-cpu-label" x={r1 + 6} y={g.cpuY(v) + 3}>{v}%</text>
        ))}
        <line className="hpa-target" x1={r0} x2={r1} y1={g.cpuY(s.target)} y2={g.cpuY(s.target)}>
          <title>{t('hpa.target', { n: s.target })}</title>
        </line>
        <path className="hpa-cpu" d={g.cpuPath} fill="none" />
        <path className="hpa-replicas" d={g.replicasPath} fill="none" />
      </svg>
    </figure>
  );
}

export function ReplicaChart() {
  const t = useT();
  const hash = useUi((s) => s.snapshot?.hash);
  const now = useUi((s) => s.snapshot?.time ?? 0);
  const [series, setSeries] = useState<HpaSeries[]>([]);
  const [width, setWidth] = useState(600);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    let live = true;
    getEngine()
      .hpaHistory()
      .then((r) => live && setSeries(r))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hash]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  return (
    <section className="hpa-section" ref={ref} aria-label={t('hpa.title')} hidden={series.length === 0}>
      {series.length > 0 && (
        <>
          <h3 className="field-label">
            {t('hpa.title')} <span className="muted">— <span className="hpa-replicas-key">▬ {t('hpa.replicas')}</span> · <span className="hpa-cpu-key">▬ {t('hpa.cpu')}</span></span>
          </h3>
          {series.map((s) => (
            <Chart key={s.id} s={s} now={now} width={width} />
          ))}
        </>
      )}
    </section>
  );
}
