/** The Node network view: one machine's namespaces, devices and wires, with its tables beside. */
import '../styles/netview.css';
import { useUi } from '../store';
import { currentStep } from '../graph/traceFocus';
import { NetDiagram } from './NetDiagram';
import { NetDetails } from './details/NetDetails';
import { focusNs, shownNode, stepKey, stepOn } from './model';
import { useNodeNetwork } from './useNodeNetwork';
import { useT } from '../i18n';

export default function NodeNetworkPanel() {
  const t = useT();
  const node = useUi(shownNode);
  const snap = useUi((s) => s.snapshot)!;
  const { view, stale } = useNodeNetwork(node);
  const step = useUi((s) => stepOn(currentStep(s), node));
  const focus = useUi((s) => focusNs(s, view));
  const error = useUi((s) => s.nodeNetError);
  const onFocusNs = (id: string) => useUi.setState((s) => ({ netNs: { id, at: stepKey(s) } }));
  return (
    <div className="nn-panel" data-testid="node-network" aria-busy={stale}>
      {error && <p className="nn-error" role="alert">{error}</p>}
      {!view || view.node !== node ? (
        <div className="empty">{t('nn.reading', { node })}</div>
      ) : (
        <div className="nn-body">
          <NetDiagram view={view} snap={snap} step={step} focus={focus} onFocusNs={onFocusNs} />
          <NetDetails view={view} step={step} focus={focus ?? view.namespaces[0].id} onFocusNs={onFocusNs} />
        </div>
      )}
    </div>
  );
}
