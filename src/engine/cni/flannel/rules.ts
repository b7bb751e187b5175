/** flanneld's iptables rules: FORWARD acceptance and (with --ip-masq) masquerading. */
import { parseRule } from '../../net/iptables';
import type { NetNs } from '../../net/types';

/** FLANNEL-FWD: pod traffic is forwarded even where the FORWARD policy is DROP. */
export function installForwardRules(ns: NetNs, network: string): void {
  const filter = ns.iptables.filter;
  if (filter['FLANNEL-FWD']) return;
  filter['FLANNEL-FWD'] = { name: 'FLANNEL-FWD', rules: [], packets: 0, bytes: 0 };
  const c = ['-m', 'comment', '--comment', 'flanneld forward'];
  filter.FORWARD.rules.push(parseRule([...c, '-j', 'FLANNEL-FWD']));
  filter['FLANNEL-FWD'].rules.push(parseRule(['-s', network, ...c, '-j', 'ACCEPT']));
  filter['FLANNEL-FWD'].rules.push(parseRule(['-d', network, ...c, '-j', 'ACCEPT']));
}

/**
 * FLANNEL-POSTRTG (--ip-masq): pod traffic leaving the pod network is MASQUERADEd to the
 * node's address; pod-to-pod traffic keeps its source.
 */
export function installMasqRules(ns: NetNs, network: string, subnet: string): void {
  const nat = ns.iptables.nat;
  if (nat['FLANNEL-POSTRTG']) return;
  nat['FLANNEL-POSTRTG'] = { name: 'FLANNEL-POSTRTG', rules: [], packets: 0, bytes: 0 };
  const c = ['-m', 'comment', '--comment', 'flanneld masq'];
  nat.POSTROUTING.rules.push(parseRule([...c, '-j', 'FLANNEL-POSTRTG'], 'nat'));
  const add = (words: string[]): void => {
    nat['FLANNEL-POSTRTG'].rules.push(parseRule(words, 'nat'));
  };
  add(['-m', 'mark', '--mark', '0x4000/0x4000', ...c, '-j', 'RETURN']);
  add(['-s', subnet, '-d', network, ...c, '-j', 'RETURN']);
  add(['-s', network, '-d', subnet, ...c, '-j', 'RETURN']);
  add(['!', '-s', network, '-d', subnet, ...c, '-j', 'RETURN']);
  add(['-s', network, '!', '-d', '224.0.0.0/4', ...c, '-j', 'MASQUERADE', '--random-fully']);
  add(['!', '-s', network, '-d', network, ...c, '-j', 'MASQUERADE', '--random-fully']);
}
