/** The benchmark's JSON document: what ran, where, at which scale, and every measurement. */
import type { Machine } from './machine';
import type { Skipped } from './stats';

export interface Targets {
  [name: string]: string;
}

export interface BenchReport {
  benchmark: 'kube-network-playground';
  startedAt: string;
  wallSeconds: number;
  scale: number;
  machine: Machine;
  engine: Record<string, unknown>;
  ui: unknown;
  /** The targets, so a reader can compare without looking them up. */
  targets: Targets;
}

export const TARGETS: Targets = {
  scheduling: '150,000 pods on 5,000 nodes at >= 12,000 pods/s; cost linear in pods x nodes scored',
  trace: 'one trace at 10,000 Services < 10 ms (iptables), < 2 ms (ipvs, nftables)',
  heap: 'worker heap at the full envelope < 1 GiB',
  ui: 'first render < 1.5 s; frame median <= 16.7 ms, p95 <= 25 ms; no main-thread task > 50 ms',
};

export function buildReport(parts: { startedAt: Date; wallSeconds: number; scale: number; machine: Machine; engine: Record<string, unknown>; ui: unknown }): BenchReport {
  return { benchmark: 'kube-network-playground', startedAt: parts.startedAt.toISOString(), wallSeconds: parts.wallSeconds, scale: parts.scale, machine: parts.machine, engine: parts.engine, ui: parts.ui, targets: TARGETS };
}

/** bench-results/<timestamp>.json, the timestamp safe in a file name. */
export function resultFileName(startedAt: Date): string {
  return `bench-results/${startedAt.toISOString().replace(/[:.]/g, '-')}.json`;
}

export const isSkipped = (x: unknown): x is Skipped => typeof x === 'object' && x !== null && typeof (x as Skipped).skipped === 'string';
