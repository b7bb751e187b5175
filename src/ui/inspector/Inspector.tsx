/** Details of the selected thing (pod, node, Service, interface, route, rule): key facts, links to related things, and its YAML. */
import './inspector.css';
import { patchView, useUi } from '../store';
import { findNode, findPod } from '../model';
import { FactList } from './FactList';
import { ActivityLog } from './ActivityLog';
import { useT } from '../i18n';
import { SchedulerView } from '../controlplane/SchedulerView';
import { ServiceDetails } from './ServiceDetails';
import { WhyNot } from '../why/WhyNot';
import { NetPartDetails } from './NetPartDetails';
import { RelatedToNode, RelatedToPod } from './Related';
import { HollowNodeDetails } from './HollowNodeDetails';

const KIND_LABEL = { pod: 'Pod', node: 'Node', service: 'Service', iface: 'Interface', route: 'Route', rule: 'Rule' } as const;

/** The short name shown in the header: a network part's id without its machine and namespace prefix. */
function shortId(kind: keyof typeof KIND_LABEL, id: string): string {
  if (kind === 'pod' || kind === 'node' || kind === 'service') return id;
  const p = id.split('|');
  return kind === 'rule' ? `${p[0]} ${p[1]}/${p[2]} #${p[3]}` : kind === 'iface' ? `${p[0]} ${p.slice(2).join('|')}` : p.slice(2).join('|');
}

export function Inspector() {
  const t = useT();
  const sel = useUi((s) => s.view.selected);
  const snap = useUi((s) => s.snapshot);
  const yaml = useUi((s) => s.yaml);
  const pod = sel?.kind === 'pod' ? findPod(snap, sel.id) : undefined;
  const node = sel?.kind === 'node' ? findNode(snap, sel.id) : undefined;
  const svc = sel?.kind === 'service' ? snap?.services.find((x) => x.id === sel.id) : undefined;
  const netPart = sel && (sel.kind === 'iface' || sel.kind === 'route' || sel.kind === 'rule');
  const yamlText = sel && yaml?.key.startsWith(`${sel.kind}:${sel.id}:`) ? yaml.text : undefined;

  const openTerminal = (target: string) => patchView({ terminal: target, panel: 'terminal' });
  const traceFrom = (from: string, to?: string) => useUi.setState((s) => ({ traceForm: { from, to: to ?? s.traceForm.to }, view: { ...s.view, panel: 'trace' } }));

  return (
    <section className="panel inspector" aria-labelledby="inspector-title" data-testid="inspector">
      <header className="panel-head">
        <h2 id="inspector-title">{t('inspector.title')}</h2>
        {sel && <span className="panel-sub mono" title={sel.id}>{KIND_LABEL[sel.kind]} {shortId(sel.kind, sel.id)}</span>}
      </header>
      {!sel && (
        <>
          <div className="empty">
            <p>{t('inspector.empty')}</p>
          </div>
          <ActivityLog />
        </>
      )}
      {sel && !pod && !node && !svc && !netPart && <div className="empty"><p>{t('inspector.gone', { id: sel.id })}</p></div>}
      {pod && (
        <>
          <FactList
            facts={[
              ['IP', pod.ip ?? '—', true],
              [t('insp.node'), pod.node ?? t('insp.notScheduled')],
              [t('insp.status'), t('insp.statusValue', { status: pod.status, ready: pod.ready })],
              [t('insp.images'), pod.images.join(', ')],
              [t('insp.hostVeth'), pod.ip && pod.ip === findNode(snap, pod.node ?? '')?.internalIP ? t('insp.noneHostNet') : (pod.hostVeth ?? '—'), true],
            ]}
          />
          <div className="quick-actions">
            <button type="button" className="btn small" onClick={() => openTerminal(pod.id)}>{t('inspector.shell')}</button>
            <button type="button" className="btn small" onClick={() => traceFrom(pod.id)}>{t('inspector.traceFrom')}</button>
            <button type="button" className="btn small" onClick={() => traceFrom(useUi.getState().traceForm.from, pod.id)}>{t('inspector.traceTo')}</button>
            <button type="button" className="btn small" data-testid="insp-traffic" title={t('capture.showTrafficTitle')} onClick={() => useUi.setState({ canvas: 'capture', captureTarget: pod.id })}>{t('capture.showTraffic')}</button>
          </div>
          {snap && <RelatedToPod pod={pod} snap={snap} />}
          <SchedulerView pod={pod.id} />
          <WhyNot subject={{ kind: 'pod', pod: pod.id }} compact />
        </>
      )}
      {node?.hollow && <HollowNodeDetails node={{ ...node, hollow: node.hollow }} />}
      {node && !node.hollow && (
        <>
          <FactList
            facts={[
              [t('insp.internalIp'), node.internalIP, true],
              [t('insp.podCidr'), node.podCIDR ?? '—', true],
              [t('insp.runtime'), `${node.runtime} · ${node.kubeletVersion}`],
              ['cni0', node.bridge?.address ?? '—', true],
              ['flannel.1', node.vtep ? `${node.vtep.address} (${node.vtep.mac})` : '—', true],
            ]}
          />
          <div className="quick-actions">
            <button type="button" className="btn small" onClick={() => openTerminal(node.name)}>{t('inspector.nodeShell')}</button>
            <button type="button" className="btn small" data-testid="insp-traffic" title={t('capture.showTrafficTitle')} onClick={() => useUi.setState({ canvas: 'capture', captureTarget: node.name })}>{t('capture.showTraffic')}</button>
          </div>
          <RelatedToNode node={node} />
        </>
      )}
      {svc && <ServiceDetails svc={svc} />}
      {svc && <WhyNot subject={{ kind: 'service', service: svc.id }} compact />}
      {sel && netPart && <NetPartDetails kind={sel.kind} id={sel.id} />}
      {sel && (pod || node || svc) && (
        <pre className="yaml mono" data-testid="inspector-yaml" tabIndex={0} aria-label={t('inspector.yamlOf', { id: sel.id })} aria-busy={!yamlText}>
          {yamlText ?? t('inspector.loadingYaml')}
        </pre>
      )}
    </section>
  );
}
