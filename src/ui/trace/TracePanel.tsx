/** Packet trace: pick source and destination, run it, then step through it hop by hop. */
import type { KeyboardEvent } from 'react';
import { setTraceStep, useUi } from '../store';
import { TraceForm } from './TraceForm';
import { TraceControls } from './TraceControls';
import { StepList } from './StepList';
import { StepDetail } from './StepDetail';
import { Outcome } from './Outcome';
import { usePlayback } from './usePlayback';
import { TraceEmpty } from './TraceEmpty';

export function TracePanel() {
  const trace = useUi((s) => s.trace);
  usePlayback();
  // ←/→ step through the trace unless the learner is typing or choosing in a control.
  const onKey = (e: KeyboardEvent) => {
    const tag = (e.target as HTMLElement).tagName;
    if (tag === 'SELECT' || tag === 'INPUT' || !trace) return;
    const step = useUi.getState().view.trace?.step ?? 0;
    if (e.key === 'ArrowRight') setTraceStep(step + 1);
    else if (e.key === 'ArrowLeft') setTraceStep(step - 1);
    else return;
    e.preventDefault();
  };
  return (
    <div className="trace-panel" data-testid="trace-panel" onKeyDown={onKey}>
      <div className="trace-toolbar">
        <TraceForm />
        <TraceControls />
      </div>
      {trace ? (
        <>
          <Outcome trace={trace} />
          <div className="trace-body">
            <StepList trace={trace} />
            <StepDetail trace={trace} />
          </div>
        </>
      ) : (
        <TraceEmpty />
      )}
    </div>
  );
}
