/**
 * Problems the learner must know about: the URL could not be used (the default scenario is shown
 * instead), or the simulation hung and was restarted from the autosave.
 */
import { useUi } from '../store';
import { useT } from '../i18n';

export function ErrorBanner() {
  const t = useT();
  const urlError = useUi((s) => s.urlError);
  const restarted = useUi((s) => s.engineRestarted);
  return (
    <>
      {urlError && <UrlError text={urlError} />}
      {restarted && (
        <div className="banner error" role="alert" data-testid="engine-restarted">
          <span className="banner-icon" aria-hidden="true">!</span>
          <span className="banner-text">{restarted}</span>
          <button type="button" className="btn ghost" aria-label={t('banner.dismiss')} onClick={() => useUi.setState({ engineRestarted: undefined })}>
            ✕
          </button>
        </div>
      )}
    </>
  );
}

function UrlError({ text: urlError }: { text: string }) {
  const t = useT();
  return (
    <div className="banner error" role="alert" data-testid="url-error">
      <span className="banner-icon" aria-hidden="true">!</span>
      <span className="banner-text">
        {urlError}
      </span>
      <button type="button" className="btn ghost" aria-label={t('banner.dismiss')} data-testid="url-error-dismiss" onClick={() => useUi.setState({ urlError: undefined })}>
        ✕
      </button>
    </div>
  );
}
