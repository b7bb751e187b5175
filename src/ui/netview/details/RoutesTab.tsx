/** `ip route` of the namespace in focus; the route that decided the current hop is marked. */
import type { NetnsView } from '../../../engine/sim/snapshot';
import type { TraceStep } from '../../../engine/net/trace';
import { nsCommand } from '../model';
import { LineList } from './LineList';
import { useT } from '../../i18n';
import { useUi } from '../../store';
import { select } from '../../actions';
import { routeId } from '../../inspector/selection';

export function RoutesTab({ ns, root, step, node }: { ns: NetnsView; root: boolean; step?: TraceStep; node?: string }) {
  const t = useT();
  const decided = (line: string) => !!step && step.netns === ns.id && step.decidedBy === line;
  const sel = useUi((s) => (s.view.selected?.kind === 'route' ? s.view.selected.id : undefined));
  const onSelect = node ? (line: string) => select('route', routeId(node, ns.id, line)) : undefined;
  return <LineList command={nsCommand(ns, root, 'route')} lines={ns.routes} testId="nn-routes" rowTestId="nn-route" isDecided={decided} empty={t('nn.noRoutes')} onSelect={onSelect} isSelected={(l) => !!node && sel === routeId(node, ns.id, l)} />;
}
