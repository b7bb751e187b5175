/**
 * CoreDNS's `cache 30` plugin: answers (positive and negative) are kept up to 30 s, or less
 * when a record's TTL is lower; a hit is served with the TTLs counted down and without
 * asking the kubernetes plugin or the upstream again. SERVFAIL is not kept.
 */
import type { DnsMessage } from './records';

export interface CacheEntry {
  msg: DnsMessage;
  stored: number;
  expires: number;
}

export type DnsCache = Map<string, CacheEntry>;

export const cacheKey = (qname: string, qtype: string): string => `${qname.toLowerCase().replace(/\.?$/, '.')}|${qtype}`;

/** The cached answer with its TTLs reduced by the time spent in the cache, or undefined. */
export function cacheGet(cache: DnsCache, key: string, now: number): DnsMessage | undefined {
  const e = cache.get(key);
  if (!e) return undefined;
  if (now >= e.expires) {
    cache.delete(key);
    return undefined;
  }
  const age = Math.floor((now - e.stored) / 1000);
  const older = (rs: DnsMessage['answers']): DnsMessage['answers'] => rs.map((r) => ({ ...r, ttl: Math.max(0, r.ttl - age) }));
  return { ...e.msg, answers: older(e.msg.answers), authority: older(e.msg.authority), additional: older(e.msg.additional) };
}

export function cachePut(cache: DnsCache, key: string, msg: DnsMessage, now: number, maxTtl = 30): void {
  if (msg.rcode !== 'NOERROR' && msg.rcode !== 'NXDOMAIN') return;
  const ttls = [...msg.answers, ...msg.authority].map((r) => r.ttl);
  const ttl = Math.min(maxTtl, ...ttls);
  if (ttl <= 0) return;
  cache.set(key, { msg, stored: now, expires: now + ttl * 1000 });
}
