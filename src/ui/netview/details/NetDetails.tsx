/** The tables beside the diagram, as tabs (WAI-ARIA tabs pattern): routes, iptables, neighbours, conntrack, files. */
import { useRef } from 'react';
import { tabKeys } from '../../shell/tabKeys';
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { useUi, type NetTab } from '../../store';
import { decidedTab } from '../model';
import { NsPicker } from './NsPicker';
import { RoutesTab } from './RoutesTab';
import { IptablesTab } from './IptablesTab';
import { NeighTab } from './NeighTab';
import { ConntrackTab } from './ConntrackTab';
import { FilesTab } from './FilesTab';
import { useScrollToMark } from './useScrollToMark';

const TABS: { id: NetTab; label: string; short?: string }[] = [
  { id: 'routes', label: 'Routes' },
  { id: 'iptables', label: 'iptables' },
  { id: 'neigh', label: 'Neighbours / FDB', short: 'Neigh / FDB' },
  { id: 'conntrack', label: 'conntrack' },
  { id: 'files', label: 'Files' },
];

interface Props {
  view: NodeNetworkView;
  step?: TraceStep;
  focus: string;
  onFocusNs: (id: string) => void;
}

export function NetDetails({ view, step, focus, onFocusNs }: Props) {
  const tab = useUi((s) => s.netTab);
  const bodyRef = useRef<HTMLDivElement>(null);
  const marked = decidedTab(step, view, focus);
  useScrollToMark(bodyRef, `${tab}:${step?.n}:${step?.decidedBy}:${focus}`);
  const ns = view.namespaces.find((n) => n.id === focus) ?? view.namespaces[0];
  const isRoot = ns.id === view.namespaces[0].id;
  const setTab = (id: NetTab) => useUi.setState({ netTab: id });
  const onKey = tabKeys(TABS.map((t) => t.id), tab, setTab, (id) => `nn-tab-${id}`);
  return (
    <section className="nn-details" aria-label={`Tables of ${view.node}`}>
      <div className="tabs nn-tabs" role="tablist" aria-label="Network tables" onKeyDown={onKey}>
        {TABS.map((t) => (
          <button
            key={t.id}
            id={`nn-tab-${t.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === t.id}
            aria-controls="nn-tabpanel"
            tabIndex={tab === t.id ? 0 : -1}
            data-testid={`nn-tab-${t.id}`}
            onClick={() => setTab(t.id)}
          >
            {t.short ? (
              <>
                <span className="label-long">{t.label}</span>
                <span className="label-short">{t.short}</span>
              </>
            ) : (
              t.label
            )}
            {marked === t.id && (
              <span className="tab-mark" title="The line that decided the current step is here">
                <span aria-hidden="true"> ●</span>
                <span className="sr-only"> (holds the line that decided the current step)</span>
              </span>
            )}
          </button>
        ))}
      </div>
      {(tab === 'routes' || tab === 'neigh') && (
        <div className="nn-details-bar">
          <NsPicker view={view} value={ns.id} onChange={onFocusNs} />
        </div>
      )}
      <div id="nn-tabpanel" className="nn-details-body" role="tabpanel" aria-labelledby={`nn-tab-${tab}`} ref={bodyRef} tabIndex={0}>
        {tab === 'routes' && <RoutesTab ns={ns} root={isRoot} step={step} />}
        {tab === 'iptables' && <IptablesTab view={view} step={step} />}
        {tab === 'neigh' && <NeighTab view={view} ns={ns} root={isRoot} step={step} />}
        {tab === 'conntrack' && <ConntrackTab view={view} step={step} />}
        {tab === 'files' && <FilesTab view={view} />}
      </div>
    </section>
  );
}
