/**
 * The terminal: one tab per target (nodes, pods), an xterm.js screen (loaded lazily, it is
 * big), and an off-screen transcript that screen readers and tests read.
 */
import { lazy, Suspense, useState } from 'react';
import { tabKeys } from '../shell/tabKeys';
import { useShallow } from 'zustand/react/shallow';
import { patchView, useUi } from '../store';
import { useT } from '../i18n';
import { Icon } from '../shell/Icon';
import { closeTab, openTabs } from './tabs';
import { Transcript } from './Transcript';
import { DnsFailHint } from '../why/DnsFailHint';
import { Picker } from '../trace/Picker';
import { PICKER_PODS } from '../trace/TraceForm';

const XtermView = lazy(() => import('./XtermView'));

export function TerminalPanel() {
  const t = useT();
  const snap = useUi((s) => s.snapshot)!;
  const active = useUi((s) => s.view.terminal) ?? '';
  // useShallow: openTabs builds a new array when the target in front has no tab yet.
  const tabs = useUi(useShallow(openTabs));
  const visible = useUi((s) => s.view.panel === 'terminal' && !s.editorTab && !s.eventsTab);
  // xterm.js loads the first time the terminal is shown, not with the page.
  const [seen, setSeen] = useState(false);
  if (visible && !seen) setSeen(true);
  const open = (target: string) => target && patchView({ terminal: target });
  const onKey = tabKeys(tabs, active, open, (id) => `term-tab-${id}`);
  return (
    <div className="terminal-panel" data-testid="terminal-panel">
      <div className="terminal-bar">
        <div className="term-tabs" role="tablist" aria-label={t('terminal.tabs')} onKeyDown={onKey}>
          {tabs.map((target) => (
            <div key={target} className={`term-tab ${target === active ? 'active' : ''}`}>
              <button
                type="button"
                role="tab"
                id={`term-tab-${target}`}
                aria-selected={target === active}
                aria-controls="terminal-screen"
                tabIndex={target === active ? 0 : -1}
                className="term-tab-btn mono"
                data-testid={`term-tab-${target}`}
                onClick={() => open(target)}
              >
                <span className={`term-kind ${target.includes('/') ? 'term-kind-pod' : 'term-kind-node'}`} aria-hidden="true" />
                {target}
              </button>
              {tabs.length > 1 && (
                <button type="button" className="term-tab-close" aria-label={t('terminal.close', { target })} data-testid={`term-close-${target}`} onClick={() => closeTab(target)}>
                  <Icon name="close" size={11} />
                </button>
              )}
            </div>
          ))}
        </div>
        <label className="term-open">
          <span className="field-label">{t('terminal.open')}</span>
          {snap.pods.length > PICKER_PODS ? (
            <Picker
              testId="terminal-target"
              ariaLabel={t('terminal.open')}
              placeholder={t('terminal.pickerPlaceholder')}
              display={active}
              options={() => [...snap.nodes.filter((n) => !n.hollow).map((n) => n.name), ...snap.pods.map((p) => p.id), 'internet'].map((v) => ({ value: v, label: v === 'internet' ? t('terminal.internet') : v }))}
              onPick={open}
            />
          ) : (
            <select value={active} data-testid="terminal-target" onChange={(e) => open(e.target.value)}>
              <optgroup label={t('terminal.nodes')}>
                {snap.nodes.filter((n) => !n.hollow).map((n) => <option key={n.name} value={n.name}>{n.name}</option>)}
              </optgroup>
              <optgroup label={t('terminal.pods')}>
                {snap.pods.map((p) => <option key={p.id} value={p.id}>{p.id}</option>)}
              </optgroup>
              {/* A client out on the internet, to reach LoadBalancer IPs and NodePorts from outside. */}
              <optgroup label={t('terminal.outside')}>
                <option value="internet">{t('terminal.internet')}</option>
              </optgroup>
            </select>
          )}
        </label>
      </div>
      <div className="terminal" id="terminal-screen" role="tabpanel" aria-labelledby={`term-tab-${active}`}>
        {seen && (
          <Suspense fallback={<div className="empty">{t('terminal.loading')}</div>}>
            <XtermView tabs={tabs} active={active} visible={visible} />
          </Suspense>
        )}
      </div>
      <DnsFailHint target={active} />
      <div className="terminal-hint" aria-hidden="true">{t('terminal.hint')}</div>
      <Transcript target={active} />
    </div>
  );
}
