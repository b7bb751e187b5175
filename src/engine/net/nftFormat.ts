/**
 * `nft list …` output, in nft 1.0's format: tabs for indentation, sets and maps before
 * chains (each in creation order) separated by blank lines, base chains opening with
 * `type … hook … priority …; policy …;`, long element lists broken as nft breaks them
 * (two addresses per line; one element per line for concatenations and maps).
 */
import { PRIORITY, type NftChain, type NftHook, type NftSet, type NftTable } from './nftables';

/** Hooks a standard priority name is printed for by nft 1.0.6 (Debian 12): dstnat only on prerouting, srcnat only on postrouting. */
const NAMED_ON: Record<string, NftHook[] | undefined> = { dstnat: ['prerouting'], srcnat: ['postrouting'] };

/** nft's prio2str: the standard name within 10 of the value (`dstnat - 10`) where the hook allows it, else the number. */
export function prioText(priority: number, hook: NftHook): string {
  for (const [name, value] of Object.entries(PRIORITY)) {
    const off = priority - value;
    if (Math.abs(off) > 10) continue;
    if (NAMED_ON[name] && !NAMED_ON[name]!.includes(hook)) break;
    return off === 0 ? name : `${name} ${off > 0 ? '+' : '-'} ${Math.abs(off)}`;
  }
  return String(priority);
}

/** How nft continues an element list on the next line: under the first element after `elements = { `. */
const NEWLINE = ',\n\t\t\t     ';

function duration(ms: number): string {
  let s = Math.max(0, Math.floor(ms / 1000));
  const rest = Math.max(0, ms - s * 1000);
  const parts: string[] = [];
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60]] as const) {
    if (s >= size) {
      parts.push(`${Math.floor(s / size)}${unit}`);
      s %= size;
    }
  }
  if (s > 0) parts.push(`${s}s`);
  if (rest > 0) parts.push(`${Math.round(rest)}ms`);
  return parts.join('') || '0s';
}

function elementsLine(set: NftSet, now: number): string | undefined {
  const keys = Object.keys(set.elements).filter((k) => set.expires?.[k] === undefined || set.expires[k] > now);
  if (keys.length === 0) return undefined;
  // Plain address sets: two per line. Maps and concatenated keys: one per line (nft's calculate_delim).
  const perLine = !set.map && !set.type.includes(' . ') ? 2 : 1;
  let out = '';
  keys.forEach((k, i) => {
    if (i > 0) out += i % perLine === 0 ? NEWLINE : ', ';
    out += k;
    if (set.expires?.[k] !== undefined) out += ` timeout ${duration((set.timeout ?? 0) * 1000)} expires ${duration(set.expires[k] - now)}`;
    if (set.comments?.[k]) out += ` comment "${set.comments[k]}"`;
    if (set.map) out += ` : ${set.elements[k]}`;
  });
  return `\t\telements = { ${out} }`;
}

export function formatSet(set: NftSet, now: number): string[] {
  const lines = [`\t${set.map ? 'map' : 'set'} ${set.name} {`, `\t\ttype ${set.type}`];
  if (set.flags?.length) lines.push(`\t\tflags ${set.flags.join(',')}`);
  if (set.timeout) lines.push(`\t\ttimeout ${duration(set.timeout * 1000)}`);
  if (set.comment) lines.push(`\t\tcomment "${set.comment}"`);
  const el = elementsLine(set, now);
  if (el) lines.push(el);
  lines.push('\t}');
  return lines;
}

export function formatChain(c: NftChain): string[] {
  const lines = [`\tchain ${c.name} {`];
  if (c.comment) lines.push(`\t\tcomment "${c.comment}"`);
  if (c.hook) lines.push(`\t\ttype ${c.type} hook ${c.hook} priority ${prioText(c.priority ?? 0, c.hook)}; policy ${c.policy ?? 'accept'};`);
  for (const r of c.rules) lines.push(`\t\t${r.text}`);
  lines.push('\t}');
  return lines;
}

function wrap(t: NftTable, body: string[][]): string {
  const lines = [`table ${t.family} ${t.name} {`];
  if (t.comment) lines.push(`\tcomment "${t.comment}"`);
  body.forEach((b, i) => {
    if (i > 0) lines.push('');
    lines.push(...b);
  });
  lines.push('}');
  return lines.join('\n');
}

/** `nft list table ip kube-proxy`. */
export function formatTable(t: NftTable, now: number): string {
  return wrap(t, [...Object.values(t.sets).map((s) => formatSet(s, now)), ...Object.values(t.chains).map(formatChain)]);
}

/** `nft list chain ip kube-proxy services`: the chain inside its table. */
export function formatOneChain(t: NftTable, c: NftChain): string {
  return wrap(t, [formatChain(c)]);
}

/** `nft list set|map ip kube-proxy NAME`. */
export function formatOneSet(t: NftTable, s: NftSet, now: number): string {
  return wrap(t, [formatSet(s, now)]);
}
