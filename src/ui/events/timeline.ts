/** The events timeline's pure parts: filtering, the simulated-time scale and its tick labels. */
import { scaleLinear, type ScaleLinear } from 'd3';
import type { EventRow } from '../../worker/protocol';

export interface EventFilter {
  namespace: string;
  type: '' | 'Normal' | 'Warning';
}

export function filterEvents(rows: readonly EventRow[], f: EventFilter): EventRow[] {
  return rows.filter((e) => (!f.namespace || e.namespace === f.namespace) && (!f.type || e.type === f.type));
}

export function namespacesOf(rows: readonly EventRow[]): string[] {
  return [...new Set(rows.map((e) => e.namespace))].sort();
}

/** Simulated ms → x in [pad, width - pad], from the boot (0) to now; a fresh cluster still gets 10 s of axis. */
export function timeScale(now: number, width: number, pad = 14): ScaleLinear<number, number> {
  return scaleLinear().domain([0, Math.max(now, 10_000)]).range([pad, Math.max(pad + 1, width - pad)]);
}

/** A tick label: seconds under a minute (`45s`), then minutes and seconds (`5m`, `6m40s`), as kubectl writes ages. */
export function tickLabel(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
}

/** What selecting an event's object means in the inspector (pods and nodes can be selected). */
export function selectionOf(e: EventRow): { kind: 'pod' | 'node'; id: string } | undefined {
  if (e.involved.kind === 'Pod') return { kind: 'pod', id: `${e.involved.namespace ?? e.namespace}/${e.involved.name}` };
  if (e.involved.kind === 'Node') return { kind: 'node', id: e.involved.name };
  return undefined;
}
