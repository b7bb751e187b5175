/** The bottom dock: Trace and Terminal as tabs (WAI-ARIA tabs pattern, arrow keys switch). */
import type { KeyboardEvent } from 'react';
import { dockTab, patchView, useUi, type DockTab } from '../store';
import { TracePanel } from '../trace/TracePanel';
import { TerminalPanel } from '../terminal/TerminalPanel';

const TABS: { id: DockTab; label: string }[] = [
  { id: 'trace', label: 'Packet trace' },
  { id: 'terminal', label: 'Terminal' },
];

export function Dock() {
  const tab = useUi((s) => dockTab(s.view));
  const onKey = (e: KeyboardEvent) => {
    if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
    const i = TABS.findIndex((t) => t.id === tab);
    const next = TABS[(i + (e.key === 'ArrowRight' ? 1 : TABS.length - 1)) % TABS.length];
    patchView({ panel: next.id });
    document.getElementById(`tab-${next.id}`)?.focus();
  };
  return (
    <section className="dock" aria-label="Tools">
      <div className="tabs" role="tablist" aria-label="Tools" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls={`tabpanel-${t.id}`}
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`tab-${t.id}`}
            onClick={() => patchView({ panel: t.id })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Both panels stay mounted so terminal history and trace state survive a tab switch. */}
      <div id="tabpanel-trace" role="tabpanel" aria-labelledby="tab-trace" className="tabpanel" hidden={tab !== 'trace'}>
        <TracePanel />
      </div>
      <div id="tabpanel-terminal" role="tabpanel" aria-labelledby="tab-terminal" className="tabpanel" hidden={tab !== 'terminal'}>
        <TerminalPanel />
      </div>
    </section>
  );
}
