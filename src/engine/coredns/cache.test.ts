import { describe, expect, it } from 'vitest';
import { cacheGet, cacheKey, cachePut, type DnsCache } from './cache';
import { lookup, type DnsMessage } from './records';
import { upstreamAnswer } from './upstream';

describe('cache 30', () => {
  it('keeps an answer up to 30 s (less for a lower TTL), counting its TTLs down', () => {
    const cache: DnsCache = new Map();
    const key = cacheKey('example.com', 'A');
    cachePut(cache, key, upstreamAnswer('example.com', 'A'), 0);
    expect(cacheGet(cache, key, 12_000)!.answers[0].ttl).toBe(288);
    expect(cacheGet(cache, key, 30_000)).toBeUndefined();
  });

  it('keeps denials too (NXDOMAIN with the zone SOA), not SERVFAIL', () => {
    const cache: DnsCache = new Map();
    const nx = lookup({ services: [], slices: [], pods: [] }, 'web.default.svc.cluster.local', 'A');
    cachePut(cache, cacheKey('web.default.svc.cluster.local.', 'A'), (nx as { msg: DnsMessage }).msg, 0);
    expect(cacheGet(cache, cacheKey('web.default.svc.cluster.local', 'A'), 29_000)!.rcode).toBe('NXDOMAIN');
    const fail: DnsMessage = { rcode: 'SERVFAIL', aa: false, ra: true, answers: [], authority: [], additional: [] };
    cachePut(cache, 'x|A', fail, 0);
    expect(cacheGet(cache, 'x|A', 1)).toBeUndefined();
  });
});

describe('Corefile', () => {
  it('reads forward targets and the cache cap; refuses broken blocks', async () => {
    const { parseCorefile } = await import('./corefile');
    const { COREFILE } = await import('./addon');
    expect(parseCorefile(COREFILE)).toEqual({ forward: ['/etc/resolv.conf'], cache: 30 });
    expect(parseCorefile(COREFILE.replace('forward . /etc/resolv.conf', 'forward . 1.1.1.1 8.8.8.8').replace('    cache 30\n', ''))).toEqual({ forward: ['1.1.1.1', '8.8.8.8'] });
    expect(parseCorefile(COREFILE.slice(0, -2))).toBe('Corefile - Error during parsing: Unexpected EOF');
  });
});
