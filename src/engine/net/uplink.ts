/**
 * The world outside the cluster: the node network's gateway (a NAT router, like a cloud's
 * NAT gateway or a home router) and, behind it, "the internet" with a few well-known hosts,
 * so that masquerading on the way out is observable.
 */
import { parseRule } from './iptables';
import type { Network } from './network';
import { nthAddress, prefixLen } from './ip';

export const ROUTER = 'router';
export const INTERNET = 'internet';
export const UPLINK = { cidr: '203.0.113.0/24', router: '203.0.113.2', isp: '203.0.113.1' };

/** Outside hosts a learner can ping, by address. */
export const OUTSIDE_HOSTS: Record<string, string> = {
  '8.8.8.8': 'dns.google',
  '1.1.1.1': 'one.one.one.one',
  '93.184.215.14': 'example.com',
};

/** The router has a leg (.1) in every node network and NATs them all to the uplink. */
export function buildUplink(net: Network, nodeNetworks: { id: string; cidr: string }[]): void {
  net.addSegment({ id: 'uplink', cidr: UPLINK.cidr, description: 'the uplink to the internet' });
  const router = net.addNamespace(ROUTER, ROUTER, 'router');
  nodeNetworks.forEach((seg, i) => {
    const dev = `eth${i === 0 ? 0 : i + 1}`;
    net.addLink(router, dev, 'ether', { up: true, segment: seg.id });
    net.addAddress(router, dev, nthAddress(seg.cidr, 1), prefixLen(seg.cidr));
    // Only node networks are translated: anything else (a pod IP) leaves as it is and the
    // internet cannot answer it — the symptom of a missing MASQUERADE on the node.
    router.iptables.nat.POSTROUTING.rules.push(parseRule(['-s', seg.cidr, '-o', 'eth1', '-j', 'MASQUERADE'], 'nat'));
  });
  net.addLink(router, 'eth1', 'ether', { up: true, segment: 'uplink' });
  net.addAddress(router, 'eth1', UPLINK.router, 24);
  net.addRoute(router, { dst: 'default', via: UPLINK.isp, dev: 'eth1', proto: 'static' });

  const internet = net.addNamespace(INTERNET, INTERNET, 'router');
  net.addLink(internet, 'eth0', 'ether', { up: true, segment: 'uplink' });
  net.addAddress(internet, 'eth0', UPLINK.isp, 24);
  net.addLink(internet, 'hosts', 'dummy', { up: true });
  for (const ip of Object.keys(OUTSIDE_HOSTS)) net.addAddress(internet, 'hosts', ip, 32);
}
