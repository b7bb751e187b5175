/**
 * The "Saved" menu in the top bar: save the current state under a name, switch between saved
 * scenarios, delete them; download / upload a scenario file; export to a real cluster (kind).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useUi } from '../store';
import { useT } from '../i18n';
import { deleteSaved, downloadKind, downloadScenario, openSaved, saveAs, uploadScenario } from './persist';

export function SavedMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const list = useUi((s) => s.savedList);
  const current = useUi((s) => s.currentSave);
  const busy = useUi((s) => s.busy > 0);
  const wrap = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  const file = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void saveAs(name).then(() => setName(''));
  };

  return (
    <div className="scenarios saved" ref={wrap} onKeyDown={(e) => e.key === 'Escape' && (e.preventDefault(), close())}>
      <button ref={toggle} type="button" className={`btn ${open ? 'active' : ''}`} aria-expanded={open} aria-controls="saved-menu" data-testid="saved-toggle" onClick={() => setOpen(!open)}>
        {t('save.menu')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="saved-menu" className="scenarios-menu saved-menu" role="region" aria-label={t('save.menuLabel')} data-testid="saved-menu">
          <section className="scenario-group" aria-labelledby="saved-title">
            <h3 id="saved-title">{t('save.inBrowser')}</h3>
            <form className="saved-form" onSubmit={submit}>
              <label className="sr-only" htmlFor="save-name">{t('save.name')}</label>
              <input id="save-name" className="input" data-testid="save-name" placeholder={t('save.placeholder')} maxLength={80} value={name} onChange={(e) => setName(e.target.value)} />
              <button type="submit" className="btn primary" data-testid="save-as" disabled={busy || name.trim() === ''}>{t('save.saveAs')}</button>
            </form>
            <ul data-testid="saved-list" className="saved-list">
              {list.length === 0 && <li className="muted saved-empty">{t('save.empty')}</li>}
              {list.map((e, i) => (
                <li key={e.name} className="saved-item">
                  <button type="button" className="scenario-item" data-testid={`saved-open-${i}`} disabled={busy} aria-current={current === e.name ? 'true' : undefined} onClick={() => { setOpen(false); void openSaved(e.name); }}>
                    <span className="scenario-title">{e.name}{current === e.name && <span className="scenario-current"> · {t('save.open')}</span>}</span>
                    <span className="scenario-summary">{e.savedAt ? new Date(e.savedAt).toLocaleString() : ''}</span>
                  </button>
                  <button type="button" className="btn ghost icon" data-testid={`saved-delete-${i}`} aria-label={t('save.delete', { name: e.name })} title={t('save.delete', { name: e.name })} onClick={() => deleteSaved(e.name)}>✕</button>
                </li>
              ))}
            </ul>
          </section>
          <section className="scenario-group" aria-labelledby="files-title">
            <h3 id="files-title">{t('save.files')}</h3>
            <div className="saved-files">
              <button type="button" className="btn" data-testid="download" disabled={busy} onClick={() => void downloadScenario('json')}>{t('save.downloadJson')}</button>
              <button type="button" className="btn" data-testid="download-yaml" disabled={busy} onClick={() => void downloadScenario('yaml')}>{t('save.downloadYaml')}</button>
              <button type="button" className="btn" data-testid="upload" disabled={busy} title={t('save.uploadTitle')} onClick={() => file.current?.click()}>{t('save.upload')}</button>
              <input
                ref={file}
                type="file"
                accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
                hidden
                data-testid="upload-input"
                onChange={(e) => {
                  const f = e.target.files?.[0];
                  e.target.value = '';
                  if (f) {
                    setOpen(false);
                    void uploadScenario(f);
                  }
                }}
              />
              <button type="button" className="btn" data-testid="export-kind" disabled={busy} onClick={() => void downloadKind()} title={t('save.exportKindTitle')}>{t('save.exportKind')}</button>
            </div>
            <p className="saved-hint">{t('save.uploadHint')}</p>
          </section>
        </div>
      )}
    </div>
  );
}
