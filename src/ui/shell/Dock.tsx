/** The bottom dock: Trace, Terminal, Editor and Events as tabs (WAI-ARIA tabs pattern, arrow keys switch). */
import { dockTab, patchView, useUi, type DockTab } from '../store';
import { useT, type MessageKey } from '../i18n';
import { TracePanel } from '../trace/TracePanel';
import { TerminalPanel } from '../terminal/TerminalPanel';
import { EditorPanel } from '../editor/EditorPanel';
import { EventsPanel } from '../events/EventsPanel';
import { tabKeys } from './tabKeys';

const TABS: { id: DockTab; label: MessageKey }[] = [
  { id: 'trace', label: 'dock.trace' },
  { id: 'terminal', label: 'dock.terminal' },
  { id: 'editor', label: 'dock.editor' },
  { id: 'events', label: 'dock.events' },
];

function show(tab: DockTab): void {
  if (tab === 'editor') useUi.setState({ editorTab: true, eventsTab: false });
  else if (tab === 'events') useUi.setState({ eventsTab: true, editorTab: false });
  else patchView({ panel: tab });
}

export function Dock() {
  const t = useT();
  const tab = useUi((s) => dockTab(s.view, s.editorTab, s.eventsTab));
  const onKey = tabKeys(TABS.map((x) => x.id), tab, show, (id) => `tab-${id}`);
  return (
    <section className="dock" aria-label={t('app.tools')}>
      <div className="tabs" role="tablist" aria-label={t('app.tools')} onKeyDown={onKey}>
        {TABS.map((x) => (
          <button
            key={x.id}
            id={`tab-${x.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === x.id}
            aria-controls={`tabpanel-${x.id}`}
            tabIndex={tab === x.id ? 0 : -1}
            data-testid={`tab-${x.id}`}
            onClick={() => show(x.id)}
          >
            {t(x.label)}
          </button>
        ))}
      </div>
      {/* All panels stay mounted so terminal sessions, the editor and trace state survive a tab switch. */}
      <div id="tabpanel-trace" role="tabpanel" aria-labelledby="tab-trace" className="tabpanel" hidden={tab !== 'trace'}>
        <TracePanel />
      </div>
      <div id="tabpanel-terminal" role="tabpanel" aria-labelledby="tab-terminal" className="tabpanel" hidden={tab !== 'terminal'}>
        <TerminalPanel />
      </div>
      <div id="tabpanel-editor" role="tabpanel" aria-labelledby="tab-editor" className="tabpanel" hidden={tab !== 'editor'}>
        <EditorPanel />
      </div>
      <div id="tabpanel-events" role="tabpanel" aria-labelledby="tab-events" className="tabpanel" hidden={tab !== 'events'}>
        {tab === 'events' && <EventsPanel />}
      </div>
    </section>
  );
}
