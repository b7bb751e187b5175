/** First, back, play/pause, forward, last, and "Step X of N". */
import { setTraceStep, useUi } from '../store';
import { Icon } from '../shell/Icon';
import { useT } from '../i18n';

export function TraceControls() {
  const t = useT();
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
    <div className="trace-controls" role="group" aria-label={t('trace.panel')}>
      <button type="button" className="btn icon" data-testid="trace-first" aria-label={t('trace.first')} title={t('trace.first')} disabled={!trace || step === 0} onClick={() => setTraceStep(0)}>
        <Icon name="first" />
      </button>
      <button type="button" className="btn icon" data-testid="trace-back" aria-label={t('trace.back')} title={t('trace.backTitle')} disabled={!trace || step === 0} onClick={() => setTraceStep(step - 1)}>
        <Icon name="prev" />
      </button>
      <button type="button" className="btn icon play" data-testid="trace-play" aria-label={playing ? t('trace.pause') : t('trace.play')} title={playing ? t('trace.pause') : t('trace.play')} aria-pressed={playing} disabled={!trace} onClick={togglePlay}>
        <Icon name={playing ? 'pause' : 'play'} />
      </button>
      <button type="button" className="btn icon" data-testid="trace-next" aria-label={t('trace.forward')} title={t('trace.forwardTitle')} disabled={!trace || atEnd} onClick={() => setTraceStep(step + 1)}>
        <Icon name="next" />
      </button>
      <button type="button" className="btn icon" data-testid="trace-last" aria-label={t('trace.last')} title={t('trace.last')} disabled={!trace || atEnd} onClick={() => setTraceStep(n - 1)}>
        <Icon name="last" />
      </button>
      <span className="counter" data-testid="trace-counter" aria-live={playing ? 'off' : 'polite'}>
        {trace ? t('trace.counter', { n: step + 1, total: n }) : t('trace.noTrace')}
      </span>
    </div>
  );
}
