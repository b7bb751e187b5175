/**
 * The inspector for a Kubemark hollow node: what it is, and its pods as counts (the snapshot
 * counts them instead of listing them). No shell, capture or interfaces: there is no machine.
 */
import type { NodeView } from '../../engine/sim/snapshot';
import { useT } from '../i18n';
import { FactList } from './FactList';

export function HollowNodeDetails({ node }: { node: NodeView & { hollow: NonNullable<NodeView['hollow']> } }) {
  const t = useT();
  const h = node.hollow;
  return (
    <>
      <p className="insp-note" data-testid="insp-hollow">
        <strong>{t('hollow.inspTitle')}.</strong> {t('hollow.inspText')}
      </p>
      <FactList
        facts={[
          [t('insp.internalIp'), node.internalIP, true],
          [t('insp.podCidr'), node.podCIDR ?? '—', true],
          [t('insp.runtime'), `${node.runtime} · ${node.kubeletVersion}`],
          [t('hollow.pods'), `${h.running + h.pending + h.other}: ${t('hollow.podCounts', { running: h.running, pending: h.pending, other: h.other })}`],
        ]}
      />
      <p className="insp-note muted mono" data-testid="insp-hollow-hint">{t('hollow.kubectlHint', { name: node.name })}</p>
    </>
  );
}
