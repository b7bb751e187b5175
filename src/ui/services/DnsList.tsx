/** The DNS column of the Services view: for each Service, the records CoreDNS serves for it. */
import type { ServiceView } from '../../engine/sim/snapshot';
import { dnsRecords } from './model';
import { useT } from '../i18n';
import { useUi } from '../store';
import { DnsWhyForm } from '../why/DnsWhyForm';

export function DnsRecords({ svc }: { svc: ServiceView }) {
  const t = useT();
  const recs = dnsRecords(svc);
  if (recs.length === 0) return <p className="insp-note muted">{t('svc.dnsNone')}</p>;
  return (
    <ul className="svc-dns-list mono">
      {recs.map((r, i) => (
        <li key={`${i}:${r.name}:${r.data}`}>
          <span className="dns-name">{r.name}</span> <span className="dns-type">{r.type}</span> <span className="dns-data">{r.data}</span>
        </li>
      ))}
    </ul>
  );
}

export function DnsList({ services }: { services: ServiceView[] }) {
  const t = useT();
  return (
    <section className="svc-dns" aria-labelledby="svc-dns-title" data-testid="svc-dns" tabIndex={0}>
      <p className="svc-policy-link">
        <button type="button" className="btn link" onClick={() => useUi.setState({ canvas: 'reach' })}>{t('svc.policyLink')}</button>
      </p>
      <DnsWhyForm />
      <h3 id="svc-dns-title">{t('svc.dnsTitle')}</h3>
      {services.map((s) => (
        <div key={s.id} className="svc-dns-item">
          <h4 className="mono">{s.id}</h4>
          <DnsRecords svc={s} />
        </div>
      ))}
    </section>
  );
}
