/**
 * Writing kube-proxy's payload into a node's tables, like `iptables-restore --noflush`:
 * its own KUBE-* chains are replaced whole (counters kept for rules that did not change),
 * the jumps from the built-in chains are inserted at the top once, other chains untouched.
 */
import { parseRule, type Chain, type IptablesState, type Rule } from '../net/iptables';
import type { ProxyPayload, TablePayload } from './rules';

/**
 * Parsed rules by their words (the array itself) and table: a sync rewrites every rule, but
 * the builders hand back the same word arrays for a Service that did not change, and parsing
 * 100,000 rules again on every sync is what made a big cluster slow.
 */
const parsed: Record<'nat' | 'filter', WeakMap<string[], Rule>> = { nat: new WeakMap(), filter: new WeakMap() };

function parseCached(words: string[], table: 'nat' | 'filter'): Rule {
  let tpl = parsed[table].get(words);
  if (!tpl) parsed[table].set(words, (tpl = parseRule(words, table)));
  // A fresh rule each time (counters are per rule); matches are never changed after parsing, so they are shared.
  return { ...tpl, packets: 0, bytes: 0 };
}

/** What the last restore wrote into a chain: the chain, its rules, the words they came from. */
interface Written {
  chain: Chain;
  rules: Rule[];
  words: string[][];
  /** Two rules with one spec: each restore gives the later one the first one's counters, so the chain is always rebuilt. */
  dup: boolean;
}

/** Kept beside the state (not in it), so hashes and snapshots do not see it. */
const written = new WeakMap<Record<string, Chain>, Map<string, Written>>();

const same = <T>(a: readonly T[], b: readonly T[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

function restoreTable(state: IptablesState, table: 'nat' | 'filter', payload: TablePayload): number {
  const chains = state[table];
  const last = written.get(chains);
  const now = new Map<string, Written>();
  // The table's chains are rebuilt as one new object: the other chains in their order, then
  // kube-proxy's in the payload's — the order deleting and re-adding every KUBE-* chain gives,
  // without deleting 100,000 keys one by one.
  const out: Record<string, Chain> = {};
  for (const name in chains) if (!name.startsWith('KUBE-')) out[name] = chains[name];
  const oldChain = (name: string): Chain | undefined => (name.startsWith('KUBE-') ? chains[name] : undefined);
  const wordsOf = new Map<string, string[][]>();
  for (const [chain, words] of payload.rules) {
    const list = wordsOf.get(chain);
    if (list) list.push(words);
    else wordsOf.set(chain, [words]);
  }
  for (const name of payload.chains) {
    if (now.has(name)) continue;
    const words = wordsOf.get(name) ?? [];
    const prev = oldChain(name);
    const w = last?.get(name);
    if (prev && w && w.chain === prev && !w.dup && same(prev.rules, w.rules) && same(words, w.words)) {
      // Nothing in this chain changed (and nobody edited it by hand): the same rules, with their counters.
      prev.packets = 0;
      prev.bytes = 0;
      out[name] = prev;
      now.set(name, w);
      continue;
    }
    const chain: Chain = { name, rules: [], packets: 0, bytes: 0 };
    // The old chain's rules by spec (the first of equal ones): an unchanged rule keeps its counters.
    const bySpec = new Map<string, Rule>();
    for (const r of prev?.rules ?? []) if (!bySpec.has(r.spec)) bySpec.set(r.spec, r);
    const specs = new Set<string>();
    for (const ws of words) {
      const rule = parseCached(ws, table);
      const before = bySpec.get(rule.spec);
      if (before) {
        rule.packets = before.packets;
        rule.bytes = before.bytes;
      }
      specs.add(rule.spec);
      chain.rules.push(rule);
    }
    out[name] = chain;
    now.set(name, { chain, rules: [...chain.rules], words, dup: specs.size !== words.length });
  }
  // Rules for a chain the payload does not declare go to the end of that (existing) chain.
  for (const [name, words] of wordsOf) {
    if (now.has(name)) continue;
    const chain = out[name];
    if (!chain) throw new Error(`kube-proxy payload: rule for chain ${name}, which it does not declare and ${table} does not have`);
    for (const ws of words) chain.rules.push(parseCached(ws, table));
  }
  state[table] = out;
  written.set(out, now);
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
