/**
 * The Node network panel's view of a machine's nftables (kube-proxy's nftables mode): each
 * table's chains with their rules as `nft list` prints them. Per-Service and per-endpoint
 * chains are many (one per Service port and endpoint); only those a packet went through are
 * sent, the rest are counted (`nft list ruleset` in a terminal shows them all).
 */
import { prioText } from '../net/nftFormat';
import type { NftState } from '../net/nftables';
import { nftRuleLine } from '../net/nftHook';

export interface NftChainView {
  name: string;
  /** Base chains: `type nat hook prerouting priority dstnat; policy accept;`. */
  head?: string;
  /** Each rule as nft prints it, and the line a trace step's decidedBy names it with. */
  rules: { text: string; line: string; packets: number; bytes: number }[];
}

export interface NftTableView {
  /** `ip kube-proxy` */
  table: string;
  chains: NftChainView[];
  /** Per-Service chains left out (no packet went through them). */
  hidden: number;
}

const MAX_CHAINS = 200;

export function nftView(state: NftState | undefined): NftTableView[] {
  return Object.values(state ?? {}).map((t) => {
    const chains: NftChainView[] = [];
    let hidden = 0;
    for (const c of Object.values(t.chains)) {
      // Service and endpoint chains carry a "/" in their name (ns/name/proto/port).
      const perService = c.name.includes('/');
      if ((perService && !c.rules.some((r) => r.packets > 0)) || chains.length >= MAX_CHAINS) {
        hidden++;
        continue;
      }
      chains.push({
        name: c.name,
        head: c.hook ? `type ${c.type} hook ${c.hook} priority ${prioText(c.priority ?? 0, c.hook)}; policy ${c.policy ?? 'accept'};` : undefined,
        rules: c.rules.map((r) => ({ text: r.text, line: nftRuleLine(t, c.name, r.text), packets: r.packets, bytes: r.bytes })),
      });
    }
    return { table: `${t.family} ${t.name}`, chains, hidden };
  });
}
