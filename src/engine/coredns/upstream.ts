/**
 * The public resolvers on the simulated internet (8.8.8.8, 1.1.1.1): they answer A records
 * for the few names the playground's internet has, and NXDOMAIN for everything else.
 */
import { OUTSIDE_HOSTS } from '../net/uplink';
import { fqdn, type DnsMessage, type RRType } from './records';

/** Public records: name → addresses. */
const PUBLIC_A: Record<string, string[]> = {
  'dns.google.': ['8.8.8.8', '8.8.4.4'],
  'one.one.one.one.': ['1.1.1.1', '1.0.0.1'],
};
for (const [ip, name] of Object.entries(OUTSIDE_HOSTS)) if (!PUBLIC_A[fqdn(name)]) PUBLIC_A[fqdn(name)] = [ip];

/** Authority for a negative answer: the root zone's SOA, as a public resolver returns it. */
const ROOT_SOA = { name: '.', ttl: 86400, type: 'SOA' as const, data: 'a.root-servers.net. nstld.verisign-grs.com. 2026112400 1800 900 604800 86400' };

export function upstreamAnswer(qname: string, qtype: RRType): DnsMessage {
  const name = fqdn(qname);
  const base = { aa: false, ra: true, additional: [] };
  if (name.endsWith('.in-addr.arpa.')) {
    const ip = name.slice(0, -'.in-addr.arpa.'.length).split('.').reverse().join('.');
    const host = Object.entries(PUBLIC_A).find(([, ips]) => ips.includes(ip))?.[0];
    if (!host) return { ...base, rcode: 'NXDOMAIN', answers: [], authority: [ROOT_SOA] };
    return { ...base, rcode: 'NOERROR', answers: qtype === 'PTR' || qtype === 'ANY' ? [{ name, ttl: 3600, type: 'PTR', data: host }] : [], authority: [] };
  }
  const ips = PUBLIC_A[name];
  if (!ips) return { ...base, rcode: 'NXDOMAIN', answers: [], authority: [ROOT_SOA] };
  const answers = qtype === 'A' || qtype === 'ANY' ? ips.map((ip) => ({ name, ttl: 300, type: 'A' as const, data: ip })) : [];
  return { ...base, rcode: 'NOERROR', answers, authority: [] };
}
