import { describe, expect, it } from 'vitest';
import { IPv4, IPv4CidrRange, IPv4Prefix } from 'ip-num';
import { broadcastOf, cidrContains, networkOf, nthAddress, splitCidr } from './ip';
import { allocate, release, type HostLocalState } from '../cni/host-local/ipam';

describe('CIDR maths (ip-num)', () => {
  it('splits the pod CIDR into one /24 per node', () => {
    const subnets = splitCidr('10.244.0.0/16', 24);
    expect(subnets).toHaveLength(256);
    expect(subnets.slice(0, 3)).toEqual(['10.244.0.0/24', '10.244.1.0/24', '10.244.2.0/24']);
    expect(subnets[255]).toBe('10.244.255.0/24');
  });

  it('knows networks, broadcasts and containment', () => {
    expect(networkOf('10.244.1.7', 24)).toBe('10.244.1.0/24');
    expect(broadcastOf('10.244.1.7', 24)).toBe('10.244.1.255');
    expect(cidrContains('10.244.0.0/16', '10.244.200.3')).toBe(true);
    expect(cidrContains('10.244.0.0/16', '10.245.0.1')).toBe(false);
    expect(cidrContains('default', '8.8.8.8')).toBe(true);
    expect(nthAddress('10.96.0.0/12', 10)).toBe('10.96.0.10');
  });

  it('counts networks and broadcasts in integers exactly as ip-num does', () => {
    const ipNum = (address: string, prefix: number): [string, string] => {
      const mask = IPv4Prefix.fromNumber(BigInt(prefix)).toMask().getValue();
      const net = `${IPv4.fromNumber(IPv4.fromString(address).getValue() & mask).toString()}/${prefix}`;
      return [net, IPv4CidrRange.fromCidr(net).getLast().toString()];
    };
    for (const address of ['0.0.0.0', '10.244.1.7', '172.16.3.209', '192.168.255.255', '255.255.255.255', '1.2.3.4']) {
      for (let prefix = 0; prefix <= 32; prefix++) expect([networkOf(address, prefix), broadcastOf(address, prefix)]).toEqual(ipNum(address, prefix));
    }
    // Anything else keeps ip-num's own error.
    expect(() => networkOf('10.0.0.256', 24)).toThrow();
    expect(() => networkOf('10.0.0.1', 33)).toThrow();
  });
});

describe('host-local IPAM', () => {
  it('allocates sequentially from .2, skips used addresses and wraps around', () => {
    const s: HostLocalState = { allocated: {} };
    expect(allocate(s, '10.244.1.0/24', 'a')).toEqual({ ip: '10.244.1.2', gateway: '10.244.1.1', prefix: 24 });
    expect(allocate(s, '10.244.1.0/24', 'b').ip).toBe('10.244.1.3');
    release(s, 'a');
    // Like the real plugin, it continues after the last reserved address, not at the freed one.
    expect(allocate(s, '10.244.1.0/24', 'c').ip).toBe('10.244.1.4');
  });

  it('fails with the plugin\'s message when the range is exhausted', () => {
    const s: HostLocalState = { allocated: {} };
    allocate(s, '10.244.1.0/30', 'a');
    expect(() => allocate(s, '10.244.1.0/30', 'b')).toThrow(/no IP addresses available in range set: 10.244.1.2-10.244.1.2/);
  });
});
