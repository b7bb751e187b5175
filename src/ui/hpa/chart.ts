/** The replica chart's pure parts: scales and paths for one HPA's samples. */
import { curveStepAfter, line, scaleLinear, type ScaleLinear } from 'd3';
import type { HpaSample } from '../../engine/controllers/hpa';

export interface ChartGeometry {
  x: ScaleLinear<number, number>;
  replicasY: ScaleLinear<number, number>;
  cpuY: ScaleLinear<number, number>;
  replicasPath: string;
  cpuPath: string;
}

/** Replicas as steps (they change at a sync and hold), CPU utilization as a line; gaps before metrics exist. */
export function chartGeometry(samples: readonly HpaSample[], max: number, target: number, now: number, width: number, height: number, pad = { l: 28, r: 36, t: 8, b: 20 }): ChartGeometry {
  const t0 = samples[0]?.t ?? 0;
  const x = scaleLinear().domain([t0, Math.max(now, t0 + 60_000)]).range([pad.l, Math.max(pad.l + 1, width - pad.r)]);
  const replicasY = scaleLinear().domain([0, Math.max(max, 1)]).range([height - pad.b, pad.t]);
  const peak = Math.max(target * 2, ...samples.map((s) => s.cpu ?? 0));
  const cpuY = scaleLinear().domain([0, peak]).range([height - pad.b, pad.t]).nice();
  const withNow = samples.length > 0 ? [...samples, { ...samples[samples.length - 1], t: Math.max(now, samples[samples.length - 1].t) }] : [];
  const replicasPath = line<HpaSample>().x((s) => x(s.t)).y((s) => replicasY(s.replicas)).curve(curveStepAfter)(withNow) ?? '';
  const cpuPath = line<HpaSample>().defined((s) => s.cpu !== null).x((s) => x(s.t)).y((s) => cpuY(s.cpu ?? 0))(samples) ?? '';
  return { x, replicasY, cpuY, replicasPath, cpuPath };
}
