/** The scale lens chart's pure parts: scales, the three walk lines (iptables, ipvs, nftables) and the threshold markers' x. */
import { line, scaleLinear, type ScaleLinear } from 'd3';
import type { LensView } from '../../engine/explain/scaleLens';

type Point = LensView['series'][number];

export interface LensChart {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
  iptables: string;
  ipvs: string;
  nftables: string;
}

export function lensChart(series: readonly Point[], width: number, height: number, pad = { l: 52, r: 30, t: 10, b: 28 }): LensChart {
  const maxS = Math.max(1, ...series.map((p) => p.services));
  const maxY = Math.max(10, ...series.map((p) => Math.max(p.iptables, p.ipvs, p.nftables)));
  const x = scaleLinear().domain([0, maxS]).range([pad.l, width - pad.r]);
  const y = scaleLinear().domain([0, maxY]).range([height - pad.b, pad.t]).nice();
  const path = (k: 'iptables' | 'ipvs' | 'nftables'): string => line<Point>().x((p) => x(p.services)).y((p) => y(p[k]))(series as Point[]) ?? '';
  return { x, y, iptables: path('iptables'), ipvs: path('ipvs'), nftables: path('nftables') };
}

/** Slider position 0..1000 ↔ 1..max on a log scale (the nodes slider). */
export const LOG_STEPS = 1000;
export const fromLog = (v: number, max: number): number => Math.max(1, Math.round(Math.pow(max, v / LOG_STEPS)));
export const toLog = (n: number, max: number): number => Math.round((Math.log(Math.max(1, n)) / Math.log(max)) * LOG_STEPS);
