/**
 * Building kube-proxy's `ip kube-proxy` table: chains, sets and rules added in the order
 * kube-proxy's transaction adds them. A Service's additions can be recorded and replayed,
 * so a sync reuses what an unchanged Service gave last time (rules get fresh counters).
 */
import { nftRule, type NftChain, type NftMatch, type NftRule, type NftSet, type NftStmt, type NftTable } from '../net/nftables';

/** What a Service's part of the sync asks for. */
export interface NftSink {
  chain(name: string, comment?: string): void;
  set(name: string, type: string, comment?: string, extra?: Partial<NftSet>): void;
  rule(chain: string, matches: NftMatch[], stmt: NftStmt, comment?: string): void;
  element(set: string, key: string, value?: string, comment?: string): void;
}

export class Builder implements NftSink {
  readonly t: NftTable = { family: 'ip', name: 'kube-proxy', comment: 'rules for kube-proxy', sets: {}, chains: {}, base: [] };

  chain(name: string, comment?: string): NftChain {
    return (this.t.chains[name] ??= { name, comment, rules: [] });
  }

  set(name: string, type: string, comment?: string, extra: Partial<NftSet> = {}): NftSet {
    return (this.t.sets[name] ??= { name, map: type.includes(' : '), type, comment, elements: {}, ...extra });
  }

  rule(chain: string, matches: NftMatch[], stmt: NftStmt, comment?: string): void {
    this.push(chain, nftRule(matches, stmt, comment));
  }

  push(chain: string, rule: NftRule): void {
    this.chain(chain).rules.push(rule);
  }

  element(set: string, key: string, value = '', comment?: string): void {
    const s = this.t.sets[set];
    if (key in s.elements) return;
    s.elements[key] = value;
    if (comment) (s.comments ??= {})[key] = comment;
  }
}

type Op = ['chain', string, string | undefined] | ['set', string, string, string | undefined, Partial<NftSet> | undefined] | ['rule', string, NftRule] | ['element', string, string, string | undefined, string | undefined];

/** Passes a Service's additions to the builder and keeps them, to replay on a later sync. */
export class Recorder implements NftSink {
  readonly ops: Op[] = [];

  constructor(private readonly b: Builder) {}

  chain(name: string, comment?: string): void {
    this.ops.push(['chain', name, comment]);
    this.b.chain(name, comment);
  }

  set(name: string, type: string, comment?: string, extra?: Partial<NftSet>): void {
    this.ops.push(['set', name, type, comment, extra]);
    this.b.set(name, type, comment, extra);
  }

  rule(chain: string, matches: NftMatch[], stmt: NftStmt, comment?: string): void {
    const r = nftRule(matches, stmt, comment);
    this.ops.push(['rule', chain, r]);
    this.b.push(chain, { ...r });
  }

  element(set: string, key: string, value?: string, comment?: string): void {
    this.ops.push(['element', set, key, value, comment]);
    this.b.element(set, key, value, comment);
  }
}

/** The same calls, in the same order, as when they were recorded: the table comes out as a fresh build's. */
export function replay(b: Builder, ops: readonly Op[]): void {
  for (const op of ops) {
    if (op[0] === 'chain') b.chain(op[1], op[2]);
    else if (op[0] === 'set') b.set(op[1], op[2], op[3], op[4]);
    else if (op[0] === 'rule') b.push(op[1], { ...op[2], packets: 0, bytes: 0 });
    else b.element(op[1], op[2], op[3], op[4]);
  }
}
