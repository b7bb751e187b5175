/** flanneld's iptables rules: FORWARD acceptance and (with --ip-masq) masquerading. */
import { parseRule, type Rule, type TableName } from '../../net/iptables';
import type { NetNs } from '../../net/types';

/**
 * The rules every node gets alike (those without the node's own subnet), parsed once per text:
 * each node's rule is its own object (counters are per rule), its parsed matches are shared,
 * as kube-proxy's are (never changed after parsing). ~3 KB less per node.
 */
const templates = new Map<string, Rule>();
function sharedRule(words: string[], table: TableName = 'filter'): Rule {
  const key = `${table} ${words.join(' ')}`;
  let tpl = templates.get(key);
  if (!tpl) {
    tpl = parseRule(words, table);
    // A handful per flannel network; bounded all the same (a long session may try many networks).
    if (templates.size >= 256) templates.delete(templates.keys().next().value!);
    templates.set(key, tpl);
  }
  return { ...tpl, packets: 0, bytes: 0 };
}

/** FLANNEL-FWD: pod traffic is forwarded even where the FORWARD policy is DROP. */
export function installForwardRules(ns: NetNs, network: string): void {
  const filter = ns.iptables.filter;
  if (filter['FLANNEL-FWD']) return;
  filter['FLANNEL-FWD'] = { name: 'FLANNEL-FWD', rules: [], packets: 0, bytes: 0 };
  const c = ['-m', 'comment', '--comment', 'flanneld forward'];
  filter.FORWARD.rules.push(sharedRule([...c, '-j', 'FLANNEL-FWD']));
  filter['FLANNEL-FWD'].rules.push(sharedRule(['-s', network, ...c, '-j', 'ACCEPT']));
  filter['FLANNEL-FWD'].rules.push(sharedRule(['-d', network, ...c, '-j', 'ACCEPT']));
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
  nat.POSTROUTING.rules.push(sharedRule([...c, '-j', 'FLANNEL-POSTRTG'], 'nat'));
  const add = (words: string[], same = true): void => {
    nat['FLANNEL-POSTRTG'].rules.push(same ? sharedRule(words, 'nat') : parseRule(words, 'nat'));
  };
  add(['-m', 'mark', '--mark', '0x4000/0x4000', ...c, '-j', 'RETURN']);
  add(['-s', subnet, '-d', network, ...c, '-j', 'RETURN'], false);
  add(['-s', network, '-d', subnet, ...c, '-j', 'RETURN'], false);
  add(['!', '-s', network, '-d', subnet, ...c, '-j', 'RETURN'], false);
  add(['-s', network, '!', '-d', '224.0.0.0/4', ...c, '-j', 'MASQUERADE', '--random-fully']);
  add(['!', '-s', network, '-d', network, ...c, '-j', 'MASQUERADE', '--random-fully']);
}
