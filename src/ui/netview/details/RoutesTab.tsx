/** `ip route` of the namespace in focus; the route that decided the current hop is marked. */
import type { NetnsView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { nsCommand } from '../model';
import { LineList } from './LineList';
import { useT } from '../../i18n';

export function RoutesTab({ ns, root, step }: { ns: NetnsView; root: boolean; step?: TraceStep }) {
  const t = useT();
  const decided = (line: string) => !!step && step.netns === ns.id && step.decidedBy === line;
  return <LineList command={nsCommand(ns, root, 'route')} lines={ns.routes} testId="nn-routes" rowTestId="nn-route" isDecided={decided} empty={t('nn.noRoutes')} />;
}
