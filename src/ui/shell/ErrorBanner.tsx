/** The URL could not be used: say why, and that the default scenario is shown instead. */
import { useUi } from '../store';
import { useT } from '../i18n';

export function ErrorBanner() {
  const t = useT();
  const urlError = useUi((s) => s.urlError);
  if (!urlError) return null;
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
