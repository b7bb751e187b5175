/** Which namespace's tables the Routes and Neighbours tabs show (also set by clicking a box). */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import { useT } from '../../i18n';

export function NsPicker({ view, value, onChange }: { view: NodeNetworkView; value: string; onChange: (id: string) => void }) {
  const t = useT();
  return (
    <label className="nn-ns-picker">
      <span className="field-label">{t('nn.namespace')}</span>
      <select value={value} data-testid="nn-ns-select" onChange={(e) => onChange(e.target.value)}>
        {view.namespaces.map((ns, i) => (
          <option key={ns.id} value={ns.id}>{i === 0 ? `root (${view.node})` : ns.label}</option>
        ))}
      </select>
    </label>
  );
}
