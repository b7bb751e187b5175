/** Links from a pod or a node to the things around it: its Services, its node, its interfaces. */
import { Fragment } from 'react';
import type { NodeView, PodView, Snapshot } from '../../engine/sim/snapshot';
import { select } from '../actions';
import { useUi } from '../store';
import { useT } from '../i18n';
import { ifaceId } from './selection';

export function RelatedToPod({ pod, snap }: { pod: PodView; snap: Snapshot }) {
  const t = useT();
  const services = snap.services.filter((s) => s.endpoints.some((e) => e.pod === pod.id));
  const node = pod.node;
  return (
    <ul className="insp-links" aria-label={t('insp.related')}>
      {services.length > 0 && (
        <li>
          {t('insp.services')}{' '}
          {services.map((s, i) => (
            <Fragment key={s.id}>{i > 0 && ', '}<button type="button" className="btn link" onClick={() => select('service', s.id)}>{s.name}</button></Fragment>
          ))}
        </li>
      )}
      {node && pod.netns && (
        <li>
          {t('insp.interfaces')} <button type="button" className="btn link" onClick={() => select('iface', ifaceId(node, pod.netns!, 'eth0'))}>eth0</button>
          {pod.hostVeth && <> ⇄ <button type="button" className="btn link" onClick={() => select('iface', ifaceId(node, node, pod.hostVeth!))}>{pod.hostVeth}</button></>}
          {' '}{t('insp.onNode')} <button type="button" className="btn link" onClick={() => select('node', node)}>{node}</button>
        </li>
      )}
    </ul>
  );
}

export function RelatedToNode({ node }: { node: NodeView }) {
  const t = useT();
  const devs = [node.nic.dev, node.bridge?.dev, node.vtep?.dev].filter((d): d is string => !!d);
  return (
    <ul className="insp-links" aria-label={t('insp.related')}>
      <li>
        {t('insp.interfaces')}{' '}
        {devs.map((d, i) => (
          <Fragment key={d}>{i > 0 && ', '}<button type="button" className="btn link" onClick={() => select('iface', ifaceId(node.name, node.name, d))}>{d}</button></Fragment>
        ))}
        {' · '}
        <button type="button" className="btn link" onClick={() => useUi.setState({ canvas: 'node-network', netNode: node.name })}>{t('insp.openNodeNet')}</button>
      </li>
    </ul>
  );
}
