/**
 * "Why does NAME not resolve from POD?": the DNS kind of the Why? panel. The engine runs
 * nslookup on a replayed copy, names the cause (no DNS server answered: kube-dns has no
 * endpoints; or NXDOMAIN: no such Service under the pod's search domains) and, when there is
 * one, the fix that can be tried on a copy.
 */
import './dnsWhy.css';
import { useT } from '../i18n';
import { useUi } from '../store';
import { WhyNot } from './WhyNot';
import { useDnsWhy } from './dnsWhy';

export function DnsWhyForm() {
  const t = useT();
  const pods = useUi((s) => s.snapshot?.pods);
  const sources = (pods ?? []).filter((p) => p.ip && p.node && p.status === 'Running').map((p) => p.id);
  const { from: picked, name = '', asked } = useDnsWhy();
  const from = picked && sources.includes(picked) ? picked : (sources.find((p) => p === 'default/client') ?? sources[0] ?? '');
  const ask = () => name.trim() && from && useDnsWhy.setState({ asked: { from, name: name.trim() } });
  return (
    <section className="why-dns" aria-labelledby="why-dns-title" data-testid="why-dns">
      <h3 id="why-dns-title">{t('why.dns.heading')}</h3>
      <form
        className="why-dns-form"
        onSubmit={(e) => {
          e.preventDefault();
          ask();
        }}
      >
        <label>
          <span className="field-label">{t('why.dns.name')}</span>
          <input className="mono" value={name} placeholder="web.default" spellCheck={false} data-testid="why-dns-name" onChange={(e) => useDnsWhy.setState({ name: e.target.value })} />
        </label>
        <label>
          <span className="field-label">{t('why.dns.from')}</span>
          <select value={from} data-testid="why-dns-from" onChange={(e) => useDnsWhy.setState({ from: e.target.value })}>
            {sources.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <button type="submit" className="btn small primary" data-testid="why-dns-ask" disabled={!name.trim() || !from}>{t('why.button')}</button>
      </form>
      {asked && (
        <div className="why-dns-answer">
          <p className="muted why-dns-q">{t('why.dns.question', { name: asked.name, from: asked.from })}</p>
          <WhyNot subject={{ kind: 'dns', from: asked.from, name: asked.name }} />
        </div>
      )}
    </section>
  );
}
