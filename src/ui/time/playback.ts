/**
 * Simulated time from the top bar: while playing, every TICK_MS of real time the worker is
 * asked to let speed × TICK_MS of simulated time pass. The worker folds back-to-back advances
 * into one `sleep` action, so a long play is one step in the log, in the link and for undo.
 */
import { getEngine } from '../engineClient';
import { useUi } from '../store';
import { errorMessage } from '../model';
import type { HistoryResult } from '../../worker/protocol';

export const TICK_MS = 250;
export const SPEEDS = [1, 10, 100] as const;
export type Speed = (typeof SPEEDS)[number];

/** Simulated ms one tick advances at a speed. */
export function tickAdvance(speed: Speed): number {
  return speed * TICK_MS;
}

/** What the step button advances: one second of real time at the chosen speed. */
export function stepAdvance(speed: Speed): number {
  return speed * 1000;
}

let timer: ReturnType<typeof setInterval> | undefined;
let inFlight = false;

function show(r: HistoryResult): void {
  useUi.setState({ snapshot: r.snapshot, history: r.history });
}

/** One advance; skipped while another engine call runs (a slow worker slows time, never queues it). */
async function advance(ms: number): Promise<void> {
  if (inFlight) return;
  inFlight = true;
  try {
    show(await getEngine().advance(ms));
  } catch (e) {
    pause();
    useUi.setState({ toast: errorMessage(e) });
  } finally {
    inFlight = false;
  }
}

function tick(): void {
  const s = useUi.getState();
  if (!s.time.playing || s.busy > 0 || s.status !== 'ready') return;
  void advance(tickAdvance(s.time.speed));
}

export function play(): void {
  useUi.setState((s) => ({ time: { ...s.time, playing: true } }));
  clearInterval(timer);
  timer = setInterval(tick, TICK_MS);
}

export function pause(): void {
  clearInterval(timer);
  timer = undefined;
  useUi.setState((s) => ({ time: { ...s.time, playing: false } }));
}

export function step(): Promise<void> {
  return advance(stepAdvance(useUi.getState().time.speed));
}

export function setSpeed(speed: Speed): void {
  useUi.setState((s) => ({ time: { ...s.time, speed } }));
}

// A new cluster (a preset, a lesson, an upload) starts paused, like the app does.
useUi.subscribe((s, prev) => {
  if (s.termEpoch !== prev.termEpoch && s.time.playing) pause();
});
