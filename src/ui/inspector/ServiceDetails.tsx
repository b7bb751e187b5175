/** Inspector body for a Service: its addresses and ports, endpoints (links to their pods), DNS names, and what to do next. */
import type { ServiceView } from '../../engine/sim/snapshot';
import { FactList } from './FactList';
import { select } from '../actions';
import { useUi } from '../store';
import { useT } from '../i18n';
import { portText, selectorText } from '../services/model';
import { DnsRecords } from '../services/DnsList';

export function ServiceDetails({ svc }: { svc: ServiceView }) {
  const t = useT();
  const ready = svc.endpoints.filter((e) => e.ready).length;
  const port = svc.ports[0];
  const canTrace = !!svc.clusterIP && svc.clusterIP !== 'None' && !!port;
  const traceTo = () =>
    useUi.setState((s) => ({ traceForm: { from: s.traceForm.from, to: svc.clusterIP!, proto: port.protocol === 'UDP' ? 'udp' : 'tcp', port: port.port }, view: { ...s.view, panel: 'trace' } }));
  return (
    <>
      <FactList
        facts={[
          [t('insp.type'), svc.type],
          ['ClusterIP', svc.type === 'ExternalName' ? '—' : svc.clusterIP === 'None' ? t('svc.headlessNone') : (svc.clusterIP ?? '—'), true],
          [t('insp.ports'), svc.ports.map(portText).join(', ') || '—', true],
          [t('insp.selector'), selectorText(svc.selector) || t('insp.noSelector'), true],
          ...(svc.externalName ? [['ExternalName', svc.externalName, true] as [string, string, boolean]] : []),
          ...(svc.lbIngress.length ? [[t('insp.lbIngress'), svc.lbIngress.join(', '), true] as [string, string, boolean]] : []),
          ...(svc.externalIPs.length ? [['externalIPs', svc.externalIPs.join(', '), true] as [string, string, boolean]] : []),
          ...(svc.externalTrafficPolicy ? [['externalTrafficPolicy', svc.externalTrafficPolicy] as [string, string]] : []),
          ...(svc.sessionAffinity && svc.sessionAffinity !== 'None' ? [['sessionAffinity', svc.sessionAffinity] as [string, string]] : []),
          [t('insp.endpoints'), t('svc.readyCount', { ready, total: svc.endpoints.length })],
        ]}
      />
      {svc.endpoints.length > 0 && (
        <ul className="insp-links" aria-label={t('insp.endpoints')}>
          {svc.endpoints.map((e) => (
            <li key={e.ip} className={e.ready ? undefined : 'unready'}>
              <span className="mono">{e.ip}</span>{' '}
              {e.pod ? (
                <button type="button" className="btn link" onClick={() => select('pod', e.pod!)}>{e.pod.split('/')[1]}</button>
              ) : null}
              {e.node && <> {t('insp.onNode')} <button type="button" className="btn link" onClick={() => select('node', e.node!)}>{e.node}</button></>}
              {!e.ready && <span className="bad"> ✕ {t('svc.notReady')}</span>}
            </li>
          ))}
        </ul>
      )}
      {svc.type !== 'ExternalName' && svc.endpoints.length === 0 && (
        <p className="insp-warn" role="note">⚠ {svc.selector ? t('svc.noEndpointsSel', { sel: selectorText(svc.selector) }) : t('svc.noSelector')}</p>
      )}
      <h3 className="insp-sub">{t('svc.dnsTitle')}</h3>
      <DnsRecords svc={svc} />
      <div className="quick-actions">
        {canTrace && <button type="button" className="btn small" onClick={traceTo}>{t('insp.traceToSvc')}</button>}
        <button type="button" className="btn small" onClick={() => useUi.setState({ canvas: 'reach' })}>{t('insp.whoCanReach')}</button>
        <button type="button" className="btn small" onClick={() => useUi.setState({ canvas: 'services' })}>{t('insp.showInServices')}</button>
      </div>
    </>
  );
}
