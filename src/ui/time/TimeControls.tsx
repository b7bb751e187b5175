/** Play / pause, step and speed for simulated time, next to the clock in the top bar. */
import { useUi } from '../store';
import { useT } from '../i18n';
import { Icon } from '../shell/Icon';
import { pause, play, setSpeed, SPEEDS, step, stepAdvance } from './playback';

export function TimeControls() {
  const t = useT();
  const { playing, speed } = useUi((s) => s.time);
  return (
    <div className="time-controls" role="group" aria-label={t('time.group')}>
      <button
        type="button"
        className={`btn icon ${playing ? 'active' : ''}`}
        data-testid="time-play"
        aria-pressed={playing}
        aria-label={playing ? t('time.pause') : t('time.play')}
        title={playing ? t('time.pause') : t('time.playTitle', { speed })}
        onClick={() => (playing ? pause() : play())}
      >
        <Icon name={playing ? 'pause' : 'play'} size={13} />
      </button>
      <button
        type="button"
        className="btn icon"
        data-testid="time-step"
        aria-label={t('time.step', { s: stepAdvance(speed) / 1000 })}
        title={t('time.step', { s: stepAdvance(speed) / 1000 })}
        disabled={playing}
        onClick={() => void step()}
      >
        <Icon name="last" size={13} />
      </button>
      <div className="speed" role="group" aria-label={t('time.speed')}>
        {SPEEDS.map((x) => (
          <button
            key={x}
            type="button"
            className={`speed-btn ${speed === x ? 'on' : ''}`}
            data-testid={`time-speed-${x}`}
            aria-pressed={speed === x}
            title={t('time.speedN', { n: x })}
            onClick={() => setSpeed(x)}
          >
            {x}×
          </button>
        ))}
      </div>
    </div>
  );
}
