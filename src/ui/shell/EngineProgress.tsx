/**
 * What a long engine call is doing, from the worker's progress reports: the step ("Joining 1,000
 * nodes"), a bar with the share done where it is known, the counts behind it and the simulated
 * time. Only the step is announced (the region is polite); the counts move four times a second
 * and are the progressbar's value text, not speech.
 */
import { useSyncExternalStore } from 'react';
import { onEngineProgress } from '../engineClient';
import type { Progress } from '../../engine/sim/progress';
import { useUi } from '../store';
import { useT, type t as translateFn } from '../i18n';
import '../styles/progress.css';

let current: Progress | undefined;
const listeners = new Set<() => void>();
onEngineProgress((p) => {
  current = p;
  listeners.forEach((l) => l());
});

/** The latest progress report of the call running now (undefined when none runs or it reported nothing yet). */
export function useEngineProgress(): Progress | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => current,
  );
}

export interface ProgressText {
  step: string;
  detail: string;
  /** 0–100 where the share done is known. */
  percent?: number;
}

/** The words and the share for a report (exported for tests). */
export function describeProgress(p: Progress, t: typeof translateFn, fmt: Intl.NumberFormat): ProgressText {
  const n = (x: number): string => fmt.format(x);
  const step =
    p.step === 'action' && p.action !== undefined
      ? t('progress.step.replay', { n: n(p.action), total: n(p.actions ?? p.action) })
      : p.step === 'join'
        ? t('progress.step.join', { total: n(p.nodes) })
        : t(`progress.step.${p.step}`);
  const pods = p.pods > 0 && p.podsRunning < p.pods ? t('progress.pods', { scheduled: n(p.podsScheduled), running: n(p.podsRunning), total: n(p.pods) }) : undefined;
  const nodes = t('progress.nodes', { ready: n(p.nodesReady), total: n(p.nodes) });
  const seconds = new Intl.NumberFormat(fmt.resolvedOptions().locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const time = t('progress.simTime', { s: seconds.format(p.simMs / 1000) });
  let percent: number | undefined;
  let detail: string;
  if (p.step === 'join') {
    percent = p.nodes > 0 ? (100 * p.nodesReady) / p.nodes : undefined;
    detail = nodes;
  } else if (p.step === 'action' && p.action !== undefined && p.actions) {
    percent = (100 * (p.action - 1)) / p.actions;
    detail = pods ?? nodes;
  } else if (pods) {
    // Pods are created in batches (slow start): the share of those created that run.
    percent = (100 * p.podsRunning) / p.pods;
    detail = pods;
  } else detail = nodes;
  return { step, detail: `${detail} · ${time}`, percent: percent === undefined ? undefined : Math.floor(percent) };
}

export function EngineProgress({ progress }: { progress: Progress }) {
  const t = useT();
  const lang = useUi((s) => s.lang);
  const text = describeProgress(progress, t, new Intl.NumberFormat(lang === 'de' ? 'de-DE' : 'en-US'));
  return (
    <div className="engine-progress" data-testid="engine-progress" data-step={progress.step}>
      <span className="engine-progress-step" data-testid="engine-progress-step">
        {text.step}
      </span>
      <div
        className={`engine-progress-bar${text.percent === undefined ? ' indeterminate' : ''}`}
        role="progressbar"
        aria-label={text.step}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={text.percent}
        aria-valuetext={text.percent === undefined ? text.detail : `${text.percent} % — ${text.detail}`}
        data-testid="engine-progressbar"
      >
        <div className="engine-progress-fill" style={text.percent === undefined ? undefined : { width: `${text.percent}%` }} />
      </div>
      <span className="engine-progress-detail" aria-hidden="true" data-testid="engine-progress-detail">
        {text.percent !== undefined && `${text.percent} % · `}
        {text.detail}
      </span>
    </div>
  );
}
