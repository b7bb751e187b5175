/**
 * Says what a long engine call is doing ("Undo: replaying the action log…") while it runs, with
 * the seconds it has taken so far. Appears only after a short delay so quick calls do not flash;
 * never blocks the page (the worker does the work, the UI stays usable).
 */
import { useEffect, useState } from 'react';
import '../styles/busy.css';
import { useUi } from '../store';
import { useT } from '../i18n';
import { EngineProgress, useEngineProgress } from './EngineProgress';

const SHOW_AFTER_MS = 400;

export function BusyIndicator() {
  const t = useT();
  const work = useUi((s) => s.work[s.work.length - 1]);
  // A long call reports progress (booting nodes, scheduling pods) even when nobody labelled it.
  const progress = useEngineProgress();
  const active = useUi((s) => s.work.length > 0) || !!progress;
  const [shown, setShown] = useState(false);
  const [seconds, setSeconds] = useState(0);
  useEffect(() => {
    setShown(false);
    setSeconds(0);
    if (!active) return;
    const started = Date.now();
    const show = setTimeout(() => setShown(true), SHOW_AFTER_MS);
    const tick = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 1000);
    return () => {
      clearTimeout(show);
      clearInterval(tick);
    };
  }, [active]);
  const visible = shown && (!!work || !!progress);
  return (
    <div className="busy-region" role="status" aria-live="polite" data-testid="busy-region">
      {visible && (
        <div className={`busy-pill${progress ? ' with-progress' : ''}`} data-testid="busy-indicator">
          <span className="busy-spinner" aria-hidden="true" />
          {work && <span className="busy-label">{t(work.key, work.params)}</span>}
          {seconds >= 2 && <span className="busy-seconds" aria-hidden="true">{seconds} s</span>}
          {progress && <EngineProgress progress={progress} />}
        </div>
      )}
    </div>
  );
}
