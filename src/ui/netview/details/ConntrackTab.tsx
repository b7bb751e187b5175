/** `conntrack -L` of the root namespace: the connections netfilter tracks (and un-NATs replies by). */
import type { NodeNetworkView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { conntrackMatches } from '../model';
import { LineList } from './LineList';
import { useT } from '../../i18n';

export function ConntrackTab({ view, step }: { view: NodeNetworkView; step?: TraceStep }) {
  const t = useT();
  const decided = (line: string) => !!step && step.stage === 'conntrack' && step.netns === view.namespaces[0].id && conntrackMatches(line, step.decidedBy);
  return (
    <div data-testid="nn-conntrack">
      <LineList command="conntrack -L" lines={view.conntrack} testId="nn-ct-table" rowTestId="nn-ct-row" isDecided={decided} empty={t('nn.noConntrack')} />
    </div>
  );
}
