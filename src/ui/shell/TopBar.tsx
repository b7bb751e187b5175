/** Product name, simulated clock, the loaded scenario, cluster facts, and the global actions. */
import { useEffect } from 'react';
import { useUi } from '../store';
import { ScenariosMenu } from '../scenarios/ScenariosMenu';
import { ensurePresets } from '../scenarios/scenarioActions';
import { copyLink } from '../actions';
import { SavedMenu } from '../scenarios/SavedMenu';
import { redo, undo } from '../scenarios/persist';
import { formatClock } from '../model';
import { Icon } from './Icon';
import { TimeControls } from '../time/TimeControls';
import { useT } from '../i18n';
import { setLang, setTheme } from '../prefs/actions';

export function TopBar() {
  const t = useT();
  const theme = useUi((s) => s.theme);
  const lang = useUi((s) => s.lang);
  const snap = useUi((s) => s.snapshot);
  const busy = useUi((s) => s.busy > 0);
  const lessonDrawer = useUi((s) => s.lessonDrawer);
  const hist = useUi((s) => s.history);
  const saved = useUi((s) => s.saved);
  const currentSave = useUi((s) => s.currentSave);
  const presetId = useUi((s) => s.snapshot?.preset);
  const presetInfo = useUi((s) => s.presets?.find((p) => p.id === presetId));
  const preset = presetId ? { title: presetInfo?.title ?? presetId, category: presetInfo?.category ?? 'basics' } : undefined;
  useEffect(() => {
    void ensurePresets();
  }, []);
  if (!snap) return null;
  const savedText = saved === 'saving' ? t('save.saving') : saved === 'failed' ? t('save.failed') : saved === 'saved' ? (currentSave ? t('save.savedAs', { name: currentSave }) : t('save.saved')) : '';
  return (
    <header className="topbar">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true" />
        <span className="brand-name">{t('app.name')}</span>
      </div>
      <div className="clock" title={t('top.clockTitle')} data-testid="sim-clock">
        <span className="clock-label">sim</span>
        <span className="mono">{formatClock(snap.time)}</span>
        <span className={`busy-dot ${busy ? 'on' : ''}`} aria-hidden="true" />
        <span className="sr-only" aria-live="polite">{busy ? t('top.working') : ''}</span>
      </div>
      <TimeControls />
      {preset && (
        <div className={`scenario-chip ${preset.category}`} data-testid="preset-current" title={`${t('top.scenario')}: ${preset.title}`}>
          {/* On narrow screens the word gives way to the title (it stays for screen readers and in the tooltip); the ⚠ stays. */}
          <span className="scenario-chip-label">{preset.category === 'broken' ? <><span aria-hidden="true">⚠ </span><span className="narrow-hide">{t('top.broken')}</span></> : <span className="narrow-hide">{t('top.scenario')}</span>}</span>
          <span className="scenario-chip-title" lang="en">{preset.title}</span>
        </div>
      )}
      <dl className="facts" aria-label={t('top.facts')}>
        <Fact term={t('top.cluster')} value={snap.clusterName} />
        <Fact term={t('top.podCidr')} value={snap.podCIDR} mono />
        <Fact term={t('top.serviceCidr')} value={snap.serviceCIDR} mono />
        <Fact term="CNI" value={snap.cni} />
      </dl>
      <div className="topbar-actions">
        <span className={`autosave ${saved ?? ''}`} data-testid="autosave-status" role="status" title={`${savedText}${savedText ? ' — ' : ''}${t('save.title')}`}>
          {/* On narrow screens only the mark shows; the words stay for screen readers and in the tooltip. */}
          {saved && <span className="autosave-mark" aria-hidden="true">{saved === 'saving' ? '…' : saved === 'failed' ? '⚠' : '✓'}</span>}
          <span className="autosave-text">{savedText}</span>
        </span>
        <div className="btn-group" role="group" aria-label={t('hist.group')}>
          <button type="button" className="btn icon" data-testid="undo" disabled={busy || hist.undo === 0} aria-label={t('hist.undo')} title={t('hist.undoTitle', { n: hist.undo })} onClick={() => void undo()}>
            <span aria-hidden="true">↶</span>
          </button>
          <button type="button" className="btn icon" data-testid="redo" disabled={busy || hist.redo === 0} aria-label={t('hist.redo')} title={t('hist.redoTitle', { n: hist.redo })} onClick={() => void redo()}>
            <span aria-hidden="true">↷</span>
          </button>
        </div>
        <SavedMenu />
        <ScenariosMenu />
        <button type="button" className="btn" data-testid="copy-link" title={t('top.copyLink')} onClick={() => void copyLink()}>
          <Icon name="link" /> <span className="narrow-hide">{t('top.copyLink')}</span>
        </button>
        <button
          type="button"
          className={`btn ${lessonDrawer ? 'active' : 'primary'}`}
          aria-pressed={lessonDrawer}
          data-testid="lessons-toggle"
          onClick={() => useUi.setState({ lessonDrawer: !lessonDrawer })}
        >
          <Icon name="book" /> {t('top.lessons')}
        </button>
        <button
          type="button"
          className="btn icon"
          data-testid="theme-toggle"
          aria-label={t('top.themeToggle', { theme: t(theme === 'dark' ? 'top.light' : 'top.dark') })}
          title={t('top.themeToggle', { theme: t(theme === 'dark' ? 'top.light' : 'top.dark') })}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          <Icon name={theme === 'dark' ? 'sun' : 'moon'} />
        </button>
        <button
          type="button"
          className="btn lang"
          data-testid="lang-toggle"
          lang={lang === 'en' ? 'de' : 'en'}
          aria-label={t('top.lang')}
          title={t('top.lang')}
          onClick={() => setLang(lang === 'en' ? 'de' : 'en')}
        >
          {t('top.langShort')}
        </button>
      </div>
    </header>
  );
}

function Fact({ term, value, mono }: { term: string; value: string; mono?: boolean }) {
  return (
    <div className="fact">
      <dt>{term}</dt>
      <dd className={mono ? 'mono' : undefined}>{value}</dd>
    </div>
  );
}
