/**
 * Problems the learner must know about: the URL could not be used (the default scenario is shown
 * instead), the simulation hung and was restarted from the autosave, or what an import from a
 * real cluster took over.
 */
import { useUi } from '../store';
import { useT } from '../i18n';

export function ErrorBanner() {
  const t = useT();
  const urlError = useUi((s) => s.urlError);
  const restarted = useUi((s) => s.engineRestarted);
  const notes = useUi((s) => s.importNotes);
  return (
    <>
      {notes && notes.length > 0 && (
        <div className="banner info" role="status" data-testid="import-notes">
          <span className="banner-icon" aria-hidden="true">i</span>
          <span className="banner-text">
            {notes[0]}
            {notes.length > 1 && (
              <ul className="banner-list">
                {notes.slice(1).map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            )}
          </span>
          <button type="button" className="btn ghost" aria-label={t('banner.dismiss')} onClick={() => useUi.setState({ importNotes: undefined })}>
            ✕
          </button>
        </div>
      )}
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
