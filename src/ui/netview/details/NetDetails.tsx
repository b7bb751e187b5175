/** The tables beside the diagram, as tabs (WAI-ARIA tabs pattern): routes, iptables, neighbours, conntrack, files, CNI calls. */
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
import { CniCallsTab } from './CniCallsTab';
import { useScrollToMark } from './useScrollToMark';
import { useT, type MessageKey } from '../../i18n';

/** Tab labels: message keys, or the tool's own name (iptables, conntrack) which reads the same in every language. */
const TABS: { id: NetTab; label: MessageKey | string; short?: MessageKey }[] = [
  { id: 'routes', label: 'nn.tabRoutes' },
  { id: 'iptables', label: 'iptables' },
  { id: 'neigh', label: 'nn.tabNeigh', short: 'nn.tabNeighShort' },
  { id: 'conntrack', label: 'conntrack' },
  { id: 'files', label: 'nn.tabFiles' },
  { id: 'cni', label: 'nn.tabCni' },
];

interface Props {
  view: NodeNetworkView;
  step?: TraceStep;
  focus: string;
  onFocusNs: (id: string) => void;
}

export function NetDetails({ view, step, focus, onFocusNs }: Props) {
  const t = useT();
  const tab = useUi((s) => s.netTab);
  const label = (l: MessageKey | string) => (l.startsWith('nn.') ? t(l as MessageKey) : l);
  const bodyRef = useRef<HTMLDivElement>(null);
  const marked = decidedTab(step, view, focus);
  useScrollToMark(bodyRef, `${tab}:${step?.n}:${step?.decidedBy}:${focus}`);
  const ns = view.namespaces.find((n) => n.id === focus) ?? view.namespaces[0];
  const isRoot = ns.id === view.namespaces[0].id;
  const setTab = (id: NetTab) => useUi.setState({ netTab: id });
  const onKey = tabKeys(TABS.map((x) => x.id), tab, setTab, (id) => `nn-tab-${id}`);
  return (
    <section className="nn-details" aria-label={t('nn.tablesOf', { node: view.node })}>
      <div className="tabs nn-tabs" role="tablist" aria-label={t('nn.tabList')} onKeyDown={onKey}>
        {TABS.map((x) => (
          <button
            key={x.id}
            id={`nn-tab-${x.id}`}
            type="button"
            role="tab"
            className="tab"
            aria-selected={tab === x.id}
            aria-controls="nn-tabpanel"
            tabIndex={tab === x.id ? 0 : -1}
            data-testid={`nn-tab-${x.id}`}
            onClick={() => setTab(x.id)}
          >
            {x.short ? (
              <>
                <span className="label-long">{label(x.label)}</span>
                <span className="label-short">{t(x.short)}</span>
              </>
            ) : (
              label(x.label)
            )}
            {marked === x.id && (
              <span className="tab-mark" title={t('nn.tabMarkTitle')}>
                <span aria-hidden="true"> ●</span>
                <span className="sr-only">{t('nn.tabMarkSr')}</span>
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
        {tab === 'routes' && <RoutesTab ns={ns} root={isRoot} step={step} node={view.node} />}
        {tab === 'iptables' && <IptablesTab view={view} step={step} />}
        {tab === 'neigh' && <NeighTab view={view} ns={ns} root={isRoot} step={step} />}
        {tab === 'conntrack' && <ConntrackTab view={view} step={step} />}
        {tab === 'files' && <FilesTab view={view} />}
        {tab === 'cni' && <CniCallsTab view={view} />}
      </div>
    </section>
  );
}
