/**
 * Writing kube-proxy's payload into a node's tables, like `iptables-restore --noflush`:
 * its own KUBE-* chains are replaced whole (counters kept for rules that did not change),
 * the jumps from the built-in chains are inserted at the top once, other chains untouched.
 */
import { parseRule, type IptablesState, type Rule } from '../net/iptables';
import type { ProxyPayload, TablePayload } from './rules';

function restoreTable(state: IptablesState, table: 'nat' | 'filter', payload: TablePayload): number {
  const chains = state[table];
  const old = new Map<string, Rule[]>();
  for (const [name, c] of Object.entries(chains)) {
    if (!name.startsWith('KUBE-')) continue;
    old.set(name, c.rules);
    delete chains[name];
  }
  for (const name of payload.chains) chains[name] = { name, rules: [], packets: 0, bytes: 0 };
  for (const [chain, words] of payload.rules) {
    const rule = parseRule(words, table);
    const prev = old.get(chain)?.find((r) => r.spec === rule.spec);
    if (prev) {
      rule.packets = prev.packets;
      rule.bytes = prev.bytes;
    }
    chains[chain].rules.push(rule);
  }
  return payload.rules.length;
}

/** Applies the payload; returns the number of rules written. */
export function restoreProxyRules(state: IptablesState, payload: ProxyPayload): number {
  const n = restoreTable(state, 'nat', payload.nat) + restoreTable(state, 'filter', payload.filter);
  // Jumps go to the top of the built-in chains, in order, once.
  for (const j of [...payload.jumps].reverse()) {
    const rule = parseRule(j.words, j.table);
    const chain = state[j.table][j.chain];
    if (!chain.rules.some((r) => r.spec === rule.spec)) chain.rules.unshift(rule);
  }
  return n;
}
