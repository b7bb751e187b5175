/**
 * nftables as data: tables (family + name) holding sets, maps (verdict maps among them) and
 * chains; base chains hang on a netfilter hook at a priority, next to iptables' tables. A
 * rule is a few matches and one statement, kept structured so it can be evaluated quickly
 * and printed exactly as `nft list` prints it (`text`). Set and map elements are plain
 * objects keyed by the element as nft prints it (`10.96.0.10 . tcp . 53`): a lookup is one
 * hash probe, however many Services there are — the point of kube-proxy's nftables mode.
 */
import { cidrContains } from './ip';

export type NftFamily = 'ip' | 'ip6' | 'inet';
export type NftHook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

export type NftMatch =
  | { kind: 'ct'; states: string[] }
  | { kind: 'addr'; field: 'saddr' | 'daddr'; neg: boolean; cidrs: string[] }
  | { kind: 'addrSet'; field: 'saddr' | 'daddr'; neg: boolean; set: string }
  | { kind: 'l4proto'; proto: string }
  | { kind: 'dport'; proto: string; port: number }
  | { kind: 'markAnd'; mask: number; value: number }
  | { kind: 'fib'; field: 'saddr' | 'daddr'; type: 'local' };

/** The key parts of a vmap lookup: `ip daddr . meta l4proto . th dport`. */
export type NftKeyPart = 'daddr' | 'l4proto' | 'dport';

export type NftStmt =
  | { kind: 'accept' | 'drop' | 'reject' | 'return' }
  | { kind: 'jump' | 'goto'; chain: string }
  | { kind: 'vmap'; key: NftKeyPart[]; map: string }
  | { kind: 'numgen'; mod: number; targets: string[] }
  | { kind: 'dnat'; to: string }
  | { kind: 'masquerade'; fully: boolean }
  | { kind: 'mark'; op: '|' | '^'; value: number }
  | { kind: 'update'; set: string };

export interface NftRule {
  matches: NftMatch[];
  stmt: NftStmt;
  comment?: string;
  /** The rule as `nft list` prints it. */
  text: string;
  packets: number;
  bytes: number;
}

export interface NftChain {
  name: string;
  /** Base chains only: type, hook, priority and policy. */
  type?: 'filter' | 'nat';
  hook?: NftHook;
  priority?: number;
  policy?: 'accept' | 'drop';
  comment?: string;
  rules: NftRule[];
}

export interface NftSet {
  name: string;
  map: boolean;
  /** `ipv4_addr`, or for a map `ipv4_addr . inet_proto . inet_service : verdict`. */
  type: string;
  flags?: string[];
  /** Default element timeout, seconds (sessionAffinity sets). */
  timeout?: number;
  comment?: string;
  /** Element (as printed) → its value (a verdict for a vmap; '' in a set). */
  elements: Record<string, string>;
  /** Per-element comments (kube-proxy names the Service of a no-endpoint entry). */
  comments?: Record<string, string>;
  /** Timeout sets: element → the simulated ms it expires. */
  expires?: Record<string, number>;
}

export interface NftTable {
  family: NftFamily;
  name: string;
  comment?: string;
  sets: Record<string, NftSet>;
  chains: Record<string, NftChain>;
  /** The base chains' names: the only chains a hook runs directly. */
  base: string[];
}

/** Every table of a namespace, by "family name" (`ip kube-proxy`). */
export type NftState = Record<string, NftTable>;

/** The priority names nft uses for the ip family (nft(8) "PRIORITY"). */
export const PRIORITY: Record<string, number> = { raw: -300, mangle: -150, dstnat: -100, filter: 0, security: 50, srcnat: 100 };

const hex = (n: number): string => `0x${(n >>> 0).toString(16).padStart(8, '0')}`;

function matchText(m: NftMatch): string {
  switch (m.kind) {
    case 'ct':
      return `ct state ${m.states.join(',')}`;
    case 'addr':
      // A one-element anonymous set is printed (and evaluated) as a plain comparison.
      return `ip ${m.field} ${m.neg ? '!= ' : ''}${m.cidrs.length === 1 ? m.cidrs[0] : `{ ${m.cidrs.join(', ')} }`}`;
    case 'addrSet':
      return `ip ${m.field} ${m.neg ? '!= ' : ''}@${m.set}`;
    case 'l4proto':
      return `meta l4proto ${m.proto}`;
    case 'dport':
      return `${m.proto} dport ${m.port}`;
    case 'markAnd':
      return `meta mark & ${hex(m.mask)} == ${hex(m.value)}`;
    case 'fib':
      return `fib ${m.field} type ${m.type}`;
  }
}

const KEY_TEXT: Record<NftKeyPart, string> = { daddr: 'ip daddr', l4proto: 'meta l4proto', dport: 'th dport' };

function stmtText(s: NftStmt): string {
  switch (s.kind) {
    case 'jump':
    case 'goto':
      return `${s.kind} ${s.chain}`;
    case 'vmap':
      return `${s.key.map((k) => KEY_TEXT[k]).join(' . ')} vmap @${s.map}`;
    case 'numgen':
      return `numgen random mod ${s.mod} vmap { ${s.targets.map((t, i) => `${i} : goto ${t}`).join(', ')} }`;
    case 'dnat':
      return `dnat to ${s.to}`;
    case 'masquerade':
      return s.fully ? 'masquerade fully-random' : 'masquerade';
    case 'mark':
      return `meta mark set meta mark ${s.op} ${hex(s.value)}`;
    case 'update':
      return `update @${s.set} { ip saddr }`;
    default:
      return s.kind;
  }
}

export function nftRule(matches: NftMatch[], stmt: NftStmt, comment?: string): NftRule {
  const text = [...matches.map(matchText), stmtText(stmt)].join(' ') + (comment ? ` comment "${comment}"` : '');
  return { matches, stmt, comment, text, packets: 0, bytes: 0 };
}

/** What a base chain sees of a packet. */
export interface NftPacket {
  src: string;
  dst: string;
  proto: string;
  dport?: number;
  length: number;
  ctstate: string;
  mark: number;
  isLocal: (ip: string) => boolean;
  random: () => number;
  now: number;
}

/** One step on the way through a chain that a learner should see: a jump, a map hit, a mark. */
export interface NftPathStep {
  chain: string;
  rule: string;
  /** For a map lookup: the element that matched (`10.96.0.10 . tcp . 53 : goto service-…`). */
  element?: string;
}

export interface NftVerdict {
  verdict: 'accept' | 'drop' | 'reject' | 'dnat' | 'masquerade';
  /** The chain and rule that decided (rule undefined: the base chain's policy). */
  chain: string;
  rule?: NftRule;
  ruleNumber?: number;
  to?: string;
  path: NftPathStep[];
  mark: number;
}

function setHas(set: NftSet | undefined, key: string, now: number): boolean {
  if (!set || !(key in set.elements)) return false;
  const exp = set.expires?.[key];
  return exp === undefined || exp > now;
}

function matches(t: NftTable, m: NftMatch, p: NftPacket, mark: number): boolean {
  switch (m.kind) {
    case 'ct':
      return m.states.includes(p.ctstate.toLowerCase());
    case 'addr': {
      const ip = m.field === 'saddr' ? p.src : p.dst;
      return m.cidrs.some((c) => (c.includes('/') ? cidrContains(c, ip) : c === ip)) !== m.neg;
    }
    case 'addrSet':
      return setHas(t.sets[m.set], m.field === 'saddr' ? p.src : p.dst, p.now) !== m.neg;
    case 'l4proto':
      return p.proto === m.proto;
    case 'dport':
      return p.proto === m.proto && p.dport === m.port;
    case 'markAnd':
      return ((mark & m.mask) >>> 0) === m.value;
    case 'fib':
      return p.isLocal(m.field === 'saddr' ? p.src : p.dst);
  }
}

/** `ip daddr . meta l4proto . th dport` of a packet, as a map key. ICMP has no ports: no key. */
export function lookupKey(key: NftKeyPart[], p: NftPacket): string | undefined {
  if (key.includes('dport') && p.dport === undefined) return undefined;
  return key.map((k) => (k === 'daddr' ? p.dst : k === 'l4proto' ? p.proto : String(p.dport))).join(' . ');
}

type Jump = { kind: 'jump' | 'goto'; chain: string } | { kind: 'accept' | 'drop' | 'reject' | 'return' };

function parseVerdict(v: string): Jump {
  const [kind, chain] = v.split(' ');
  return kind === 'jump' || kind === 'goto' ? { kind, chain } : { kind: kind as 'accept' };
}

/**
 * Runs one base chain over a packet: jumps and gotos, verdict maps, numgen, marks. Returns
 * undefined when the packet falls through to an accept policy untouched (nothing to show).
 */
export function runNftChain(t: NftTable, baseName: string, p: NftPacket): NftVerdict | undefined {
  const base = t.chains[baseName];
  let mark = p.mark;
  const path: NftPathStep[] = [];
  // pathLen/markAt: what to forget when a chain returns having changed nothing (a map lookup that missed).
  const stack: { chain: NftChain; index: number; goto: boolean; pathLen: number; markAt: number }[] = [{ chain: base, index: 0, goto: false, pathLen: 0, markAt: mark }];
  const policy = (): NftVerdict | undefined => (base.policy === 'drop' ? { verdict: 'drop', chain: base.name, path, mark } : mark !== p.mark ? { verdict: 'accept', chain: base.name, path, mark } : undefined);
  const pop = (): void => {
    let f = stack.pop()!;
    while (stack.length > 0 && stack[stack.length - 1].goto) f = stack.pop()!;
    if (stack.length > 0 && mark === f.markAt) path.length = f.pathLen;
  };
  // Enter a chain (jump pushes a return point; goto replaces the current one).
  const enter = (j: Jump, frame: (typeof stack)[number], rule: NftRule, n: number): NftVerdict | 'next' | undefined => {
    if (j.kind === 'jump' || j.kind === 'goto') {
      const next = t.chains[j.chain];
      if (!next || stack.length > 64) return 'next';
      if (j.kind === 'goto') frame.goto = true;
      stack.push({ chain: next, index: 0, goto: false, pathLen: path.length - 1, markAt: mark });
      return 'next';
    }
    if (j.kind === 'return') {
      pop();
      return stack.length === 0 ? policy() : 'next';
    }
    return { verdict: j.kind, chain: frame.chain.name, rule, ruleNumber: n, path, mark };
  };
  while (stack.length > 0) {
    const frame = stack[stack.length - 1];
    if (frame.index >= frame.chain.rules.length) {
      pop();
      if (stack.length === 0) return policy();
      continue;
    }
    const n = ++frame.index;
    const rule = frame.chain.rules[n - 1];
    if (!rule.matches.every((m) => matches(t, m, p, mark))) continue;
    const s = rule.stmt;
    let jump: Jump | undefined;
    let element: string | undefined;
    if (s.kind === 'vmap') {
      const key = lookupKey(s.key, p);
      const v = key === undefined ? undefined : t.sets[s.map]?.elements[key];
      if (v === undefined) continue; // no element: the rule does not match
      jump = parseVerdict(v);
      element = `${key} : ${v}`;
    } else if (s.kind === 'numgen') {
      const i = Math.min(s.mod - 1, Math.floor(p.random() * s.mod));
      jump = { kind: 'goto', chain: s.targets[i] };
      element = `${i} : goto ${s.targets[i]}`;
    } else if (s.kind === 'mark') {
      mark = (s.op === '|' ? mark | s.value : mark ^ s.value) >>> 0;
    } else if (s.kind === 'update') {
      const set = t.sets[s.set];
      if (set) {
        set.elements[p.src] = '';
        (set.expires ??= {})[p.src] = p.now + (set.timeout ?? 0) * 1000;
      }
    } else if (s.kind === 'dnat' || s.kind === 'masquerade') {
      rule.packets++;
      rule.bytes += p.length;
      return { verdict: s.kind, chain: frame.chain.name, rule, ruleNumber: n, to: s.kind === 'dnat' ? s.to : undefined, path, mark };
    } else jump = s;
    rule.packets++;
    rule.bytes += p.length;
    if (!jump) {
      path.push({ chain: frame.chain.name, rule: rule.text });
      continue;
    }
    if (jump.kind === 'jump' || jump.kind === 'goto') path.push({ chain: frame.chain.name, rule: rule.text, element });
    const r = enter(jump, frame, rule, n);
    if (r !== 'next') return r;
  }
  return policy();
}

/** The base chains of every table on one hook, with their numeric priorities. */
export function hookChains(state: NftState, hook: NftHook): { table: NftTable; chain: NftChain }[] {
  const out: { table: NftTable; chain: NftChain }[] = [];
  for (const t of Object.values(state)) for (const name of t.base) if (t.chains[name]?.hook === hook) out.push({ table: t, chain: t.chains[name] });
  return out;
}

/** Counts the rules of a table (`nft list table … | grep -c …` by hand, roughly): for the scale lens and the bench. */
export function countNftRules(t: NftTable): number {
  let n = 0;
  for (const c of Object.values(t.chains)) n += c.rules.length;
  return n;
}
