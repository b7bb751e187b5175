/** After loading a broken scenario: what the learner will see, and a hint on demand. Dismissible. */
import { useUi } from '../store';
import { MarkdownLite } from '../lessons/MarkdownLite';
import { Icon } from '../shell/Icon';
import { useT } from '../i18n';

export function PresetCard() {
  const t = useT();
  const card = useUi((s) => s.presetCard);
  const lang = useUi((s) => s.lang);
  const info = useUi((s) => s.presets?.find((p) => p.id === s.presetCard?.id));
  if (!card || !info) return null;
  return (
    <section className="preset-card" data-testid="preset-card" aria-labelledby="preset-card-title">
      <header className="preset-card-head">
        <span className="preset-card-badge"><span aria-hidden="true">⚠ </span>{t('scn.broken')}</span>
        <button type="button" className="btn ghost icon" aria-label={t('scn.dismissCard')} data-testid="preset-card-dismiss" onClick={() => useUi.setState({ presetCard: undefined })}>
          <Icon name="close" />
        </button>
      </header>
      <h2 id="preset-card-title" className="preset-card-title" lang="en">{info.title}</h2>
      {info.symptom && (
        <div className="preset-symptom" lang="en">
          <strong lang={lang}>{t('scn.symptom')} </strong>
          <MarkdownLite text={info.symptom} />
        </div>
      )}
      {info.hint && (
        <>
          <button type="button" className="btn small" aria-expanded={card.hint} data-testid="preset-hint-toggle" onClick={() => useUi.setState({ presetCard: { ...card, hint: !card.hint } })}>
            {card.hint ? t('scn.hideHint') : t('scn.showHint')}
          </button>
          {card.hint && (
            <div className="hint" data-testid="preset-hint" lang="en">
              <strong lang={lang}>{t('scn.hint')} </strong>
              <MarkdownLite text={info.hint} />
            </div>
          )}
        </>
      )}
    </section>
  );
}
