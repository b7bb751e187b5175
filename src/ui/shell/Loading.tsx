import { useT } from '../i18n';
import { useUi } from '../store';
import { EngineProgress, useEngineProgress } from './EngineProgress';

/** Shown until the worker answers `load`, or instead of the app when it never will. */
export function Loading({ failed }: { failed?: string }) {
  const t = useT();
  // A link with a long action log takes a while to replay: say so.
  const actions = useUi((s) => s.linkNotice?.count ?? 0);
  // A big cluster (a link to 1,000 nodes) reports its boot: nodes joining, pods scheduled.
  const progress = useEngineProgress();
  return (
    <div className="loading" role={failed ? 'alert' : 'status'} aria-live="polite" data-testid={failed ? 'fatal-error' : 'loading'}>
      <div className="loading-card">
        <div className="brand-mark" aria-hidden="true" />
        <h1>{t('app.name')}</h1>
        {failed ? (
          <>
            <p className="loading-error">{t('loading.failed', { error: failed })}</p>
            <button type="button" className="btn primary" onClick={() => location.reload()}>
              {t('loading.reload')}
            </button>
          </>
        ) : (
          <>
            <div className="spinner" aria-hidden="true" />
            <p>{t('loading.boot')}</p>
            {actions > 0 && <p data-testid="loading-replay">{t('loading.replay', { n: actions })}</p>}
            {progress && <EngineProgress progress={progress} />}
          </>
        )}
      </div>
    </div>
  );
}
