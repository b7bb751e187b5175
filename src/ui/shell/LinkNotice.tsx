/** A link with commands the learner did not make: say what it ran (scenario, commands). */
import { useUi } from '../store';
import { useT } from '../i18n';

export function LinkNotice() {
  const t = useT();
  const n = useUi((s) => s.linkNotice);
  if (!n) return null;
  return (
    <div className="banner info" role="status" data-testid="link-notice">
      <span className="banner-icon" aria-hidden="true">i</span>
      <div className="banner-text">
        {t(n.count === 1 ? 'link.replayedOne' : 'link.replayedMany', { name: n.scenarioName, preset: n.preset ? ` (${n.preset})` : '', n: n.count })}
        <details>
          <summary>{t('link.showThem')}</summary>
          <ol className="mono link-actions">
            {n.lines.map((l, i) => <li key={i}>{l}</li>)}
            {n.count > n.lines.length && <li>{t('link.more', { n: n.count - n.lines.length })}</li>}
          </ol>
        </details>
      </div>
      <button type="button" className="btn ghost" aria-label={t('banner.dismiss')} data-testid="link-notice-dismiss" onClick={() => useUi.setState({ linkNotice: undefined })}>
        ✕
      </button>
    </div>
  );
}
