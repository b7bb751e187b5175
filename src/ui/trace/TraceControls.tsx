/** First, back, play/pause, forward, last, and "Step X of N". */
import { setTraceStep, useUi } from '../store';
import { Icon } from '../shell/Icon';

export function TraceControls() {
  const trace = useUi((s) => s.trace);
  const step = useUi((s) => s.view.trace?.step ?? 0);
  const playing = useUi((s) => s.playing);
  const n = trace?.steps.length ?? 0;
  const atEnd = step >= n - 1;
  const togglePlay = () => {
    // Play from the start again when the trace already ran to its end.
    if (!playing && atEnd) setTraceStep(0);
    useUi.setState({ playing: !playing });
  };
  return (
    <div className="trace-controls" role="group" aria-label="Step through the trace">
      <button type="button" className="btn icon" data-testid="trace-first" aria-label="First step" title="First step" disabled={!trace || step === 0} onClick={() => setTraceStep(0)}>
        <Icon name="first" />
      </button>
      <button type="button" className="btn icon" data-testid="trace-back" aria-label="Step back" title="Step back (←)" disabled={!trace || step === 0} onClick={() => setTraceStep(step - 1)}>
        <Icon name="prev" />
      </button>
      <button type="button" className="btn icon play" data-testid="trace-play" aria-label={playing ? 'Pause' : 'Play'} title={playing ? 'Pause' : 'Play'} aria-pressed={playing} disabled={!trace} onClick={togglePlay}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" className="btn icon" data-testid="trace-next" aria-label="Step forward" title="Step forward (→)" disabled={!trace || atEnd} onClick={() => setTraceStep(step + 1)}>
        <Icon name="next" />
      </button>
      <button type="button" className="btn icon" data-testid="trace-last" aria-label="Last step" title="Last step" disabled={!trace || atEnd} onClick={() => setTraceStep(n - 1)}>
        <Icon name="last" />
      </button>
      <span className="counter" data-testid="trace-counter" aria-live={playing ? 'off' : 'polite'}>
        {trace ? `Step ${step + 1} of ${n}` : 'No trace yet'}
      </span>
    </div>
  );
}
