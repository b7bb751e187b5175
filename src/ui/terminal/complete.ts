/**
 * Tab completion for the terminal, pure: from the line left of the cursor and what the
 * snapshot knows (pods, nodes, namespaces), the candidates for the word being typed.
 */
import {
  COMMANDS, FILES, IP_OBJECTS, IP_SUBCOMMANDS, IPTABLES_CHAINS, IPTABLES_FLAGS, IPTABLES_TABLES, KUBECTL_FLAGS,
  KUBECTL_RESOURCES, KUBECTL_VERBS, OUTPUT_FORMATS, RESOURCE_VERBS,
} from './vocabulary';

export interface CompletionContext {
  pods: { namespace: string; name: string }[];
  nodes: string[];
}

export interface Completion {
  /** The word being completed (the text the candidates replace). */
  word: string;
  candidates: string[];
}

const PREFIX_COMMANDS = new Set(['sudo', 'watch', 'time']);

/** Splits the line into words; the last word is the one under the cursor (may be empty). */
export function words(line: string): string[] {
  const segment = line.split('|').pop() ?? '';
  const parts = segment.replace(/^\s+/, '').split(/\s+/);
  return parts.length ? parts : [''];
}

export function complete(before: string, ctx: CompletionContext): Completion {
  let ws = words(before);
  // `sudo kubectl`, `watch -n 1 kubectl`: complete as if the prefix were not there.
  while (ws.length > 1 && PREFIX_COMMANDS.has(ws[0])) {
    ws = ws.slice(1);
    if (ws[0] === '-n' && ws.length > 2) ws = ws.slice(2);
  }
  const word = ws[ws.length - 1];
  const prev = ws.slice(0, -1);
  const pick = (list: string[]) => ({ word, candidates: unique(list.filter((c) => c.startsWith(word))) });
  if (prev.length === 0) return pick(COMMANDS);
  const cmd = prev[0];
  if (cmd === 'kubectl') return pick(kubectlCandidates(prev.slice(1), word, ctx));
  if (cmd === 'ip') return pick(ipCandidates(prev.slice(1)));
  if (cmd === 'iptables') return pick(iptablesCandidates(prev[prev.length - 1]));
  if (cmd === 'cat' || cmd === 'ls' || cmd === 'head' || cmd === 'tail') return pick(FILES);
  if (cmd === 'ping' || cmd === 'curl' || cmd === 'traceroute' || cmd === 'wget') return pick(ctx.nodes);
  return { word, candidates: [] };
}

function kubectlCandidates(args: string[], word: string, ctx: CompletionContext): string[] {
  const last = args[args.length - 1];
  if (last === '-o' || last === '--output') return OUTPUT_FORMATS;
  if (last === '-n' || last === '--namespace') return namespaces(ctx);
  if (word.startsWith('-')) return KUBECTL_FLAGS;
  const positional = positionals(args);
  if (positional.length === 0) return KUBECTL_VERBS;
  const verb = positional[0];
  const ns = namespaceOf(args);
  if (verb === 'exec' || verb === 'logs' || verb === 'port-forward') return positional.length === 1 ? podNames(ctx, ns) : [];
  if (verb === 'cordon' || verb === 'uncordon' || verb === 'drain' || verb === 'taint') return positional.length === 1 ? ctx.nodes : [];
  if (RESOURCE_VERBS.has(verb)) {
    if (positional.length === 1) return KUBECTL_RESOURCES;
    const res = positional[1];
    if (/^(pods?|po)$/.test(res)) return podNames(ctx, ns);
    if (/^(nodes?|no)$/.test(res)) return ctx.nodes;
    if (/^(namespaces?|ns)$/.test(res)) return namespaces(ctx);
  }
  return [];
}

/** Arguments that are not flags nor flag values. */
function positionals(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a.startsWith('-')) {
      if (/^(-o|--output|-n|--namespace|-l|--selector|-c|--container|-f|--filename|--image|--replicas|--port)$/.test(a)) i++;
      continue;
    }
    out.push(a);
  }
  return out;
}

function namespaceOf(args: string[]): string | undefined {
  const i = args.findIndex((a) => a === '-n' || a === '--namespace');
  if (i >= 0) return args[i + 1];
  return args.includes('-A') || args.includes('--all-namespaces') ? '*' : 'default';
}

function podNames(ctx: CompletionContext, ns = 'default'): string[] {
  return ctx.pods.filter((p) => ns === '*' || p.namespace === ns).map((p) => p.name);
}

function namespaces(ctx: CompletionContext): string[] {
  return unique(['default', 'kube-system', ...ctx.pods.map((p) => p.namespace)]);
}

function ipCandidates(args: string[]): string[] {
  const pos = args.filter((a) => !a.startsWith('-'));
  if (pos.length === 0) return IP_OBJECTS;
  if (pos.length === 1) return IP_SUBCOMMANDS;
  return [];
}

function iptablesCandidates(last: string): string[] {
  if (last === '-t') return IPTABLES_TABLES;
  if (/^-[AIDFLSPN]$/.test(last)) return IPTABLES_CHAINS;
  return IPTABLES_FLAGS;
}

function unique(list: string[]): string[] {
  return [...new Set(list)].sort();
}

/** The longest prefix every candidate shares. */
export function commonPrefix(list: string[]): string {
  if (!list.length) return '';
  let p = list[0];
  for (const s of list) while (!s.startsWith(p)) p = p.slice(0, -1);
  return p;
}
