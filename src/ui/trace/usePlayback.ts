/** Auto-advances the trace every 700 ms while playing; stops at the last step. */
import { useEffect } from 'react';
import { setTraceStep, useUi } from '../store';

export const PLAY_INTERVAL_MS = 700;

export function usePlayback(): void {
  const playing = useUi((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      const { trace, view } = useUi.getState();
      const step = view.trace?.step ?? 0;
      if (!trace || step >= trace.steps.length - 1) {
        useUi.setState({ playing: false });
        return;
      }
      setTraceStep(step + 1);
    }, PLAY_INTERVAL_MS);
    return () => clearInterval(t);
  }, [playing]);
}
