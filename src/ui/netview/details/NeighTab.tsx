/** `ip neigh` of the namespace in focus and the root namespace's `bridge fdb show`. */
import type { NetnsView, NodeNetworkView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { nsCommand } from '../model';
import { LineList } from './LineList';
import { useT } from '../../i18n';

export function NeighTab({ view, ns, root, step }: { view: NodeNetworkView; ns: NetnsView; root: boolean; step?: TraceStep }) {
  const t = useT();
  const neighDecided = (line: string) => !!step && step.netns === ns.id && step.decidedBy === line;
  const fdbDecided = (line: string) => !!step && step.netns === view.namespaces[0].id && step.decidedBy === line;
  return (
    <div data-testid="nn-neigh">
      <LineList command={nsCommand(ns, root, 'neigh')} lines={ns.neigh} testId="nn-neigh-table" rowTestId="nn-neigh-row" isDecided={neighDecided} empty={t('nn.noNeigh')} />
      <LineList command="bridge fdb show" lines={view.fdb} testId="nn-fdb" rowTestId="nn-fdb-row" isDecided={fdbDecided} empty={t('nn.noFdb')} />
    </div>
  );
}
