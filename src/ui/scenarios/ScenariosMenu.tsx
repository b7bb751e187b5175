/**
 * The Scenarios button in the top bar and its menu: the basics, and the broken clusters to
 * diagnose and fix. A disclosure (button + panel) that closes on Escape or a click outside.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { PresetInfo } from '../../engine/sim/snapshot';
import { useUi } from '../store';
import { ensurePresets, loadPreset } from './scenarioActions';
import { useT, type MessageKey } from '../i18n';

const GROUPS: { category: PresetInfo['category']; title: MessageKey }[] = [
  { category: 'basics', title: 'scn.basics' },
  { category: 'broken', title: 'scn.broken' },
];

export function ScenariosMenu() {
  const t = useT();
  const [open, setOpen] = useState(false);
  const presets = useUi((s) => s.presets);
  const lang = useUi((s) => s.lang);
  const current = useUi((s) => s.snapshot?.preset);
  const busy = useUi((s) => s.busy > 0);
  const wrap = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    void ensurePresets();
    const onDown = (e: PointerEvent) => {
      if (!wrap.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  useEffect(() => {
    if (open && presets) wrap.current?.querySelector<HTMLButtonElement>('.scenario-item')?.focus();
  }, [open, presets]);

  const close = () => {
    setOpen(false);
    toggle.current?.focus();
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const items = Array.from(wrap.current?.querySelectorAll<HTMLButtonElement>('.scenario-item') ?? []);
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    const next = items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length];
    next?.focus();
    e.preventDefault();
  };
  const pick = (id: string) => {
    setOpen(false);
    toggle.current?.focus();
    void loadPreset(id);
  };

  return (
    <div className="scenarios" ref={wrap} onKeyDown={onKey}>
      <button
        ref={toggle}
        type="button"
        className={`btn ${open ? 'active' : ''}`}
        aria-expanded={open}
        aria-controls="scenarios-menu"
        data-testid="scenarios-toggle"
        onClick={() => setOpen(!open)}
      >
        {t('scn.button')} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div id="scenarios-menu" className="scenarios-menu" role="region" aria-label={t('scn.button')} data-testid="scenarios-menu">
          {!presets && <p className="muted scenarios-loading">{t('scn.loading')}</p>}
          {lang === 'de' && presets && <p className="scenarios-note muted" data-testid="scenarios-lang-note">{t('scn.englishOnly')}</p>}
          {presets && GROUPS.map((g) => {
            const items = presets.filter((p) => p.category === g.category);
            if (items.length === 0) return null;
            return (
              <section key={g.category} className={`scenario-group ${g.category}`} aria-labelledby={`scn-${g.category}`}>
                <h3 id={`scn-${g.category}`}>{g.category === 'broken' && <span aria-hidden="true">⚠ </span>}{t(g.title)}</h3>
                <ul>
                  {items.map((p) => (
                    <li key={p.id}>
                      <button type="button" className="scenario-item" data-testid={`preset-${p.id}`} disabled={busy} aria-current={current === p.id ? 'true' : undefined} onClick={() => pick(p.id)}>
                        <span className="scenario-title">
                          <span lang="en">{p.title}</span>
                          {current === p.id && <span className="scenario-current"> · {t('scn.loaded')}</span>}
                        </span>
                        <span className="scenario-summary" lang="en">{p.summary}</span>
                      </button>
                    </li>
                  ))}
                </ul>
              </section>
            );
          })}
          <p className="scenarios-note muted">{t('scn.note')}</p>
        </div>
      )}
    </div>
  );
}
