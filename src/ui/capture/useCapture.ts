/**
 * Reads a capture log from the worker (`capture(target)`), again whenever a new snapshot
 * arrives (every action that can send packets sends one). The last answer stays on screen
 * while the next one is on its way; captures are never part of a snapshot.
 */
import { useEffect, useState } from 'react';
import type { CaptureView } from '../../engine/sim/captureView';
import { getEngine } from '../engineClient';
import { useUi } from '../store';
import { errorMessage } from '../model';

export function useCapture(target: string): { view?: CaptureView; error?: string } {
  const snap = useUi((s) => s.snapshot);
  const [state, setState] = useState<{ view?: CaptureView; error?: string }>({});
  useEffect(() => {
    if (!snap || !target) return;
    let live = true;
    getEngine()
      .capture(target)
      .then((view) => live && setState({ view }))
      .catch((e: unknown) => live && setState({ error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [target, snap]);
  // An answer for another target is not shown as this one's.
  return state.view && state.view.target !== target ? { error: state.error } : state;
}
