/**
 * The terminal's shell: splits a line into a pipeline, runs each command with the previous
 * one's output as input, and answers unknown commands as bash (nodes) or busybox sh (pods).
 */
import { shellWords } from '../net/iptables';
import { grep, head, sort, tail, wc } from './filters';
import { bridge, cat, hostname, iptablesSaveCmd, ls } from './files';
import { ipCommand } from './ip';
import { brctl } from './brctl';
import { lnCommand } from './netns';
import { iptables } from './iptables';
import { conntrack, sysctl } from './sysctl';
import { kubectl } from './kubectl';
import { systemctl } from './systemctl';
import { crictl } from './crictl';
import { etcdctl, etcdctlApi3 } from './etcdctl';
import { kubeadm } from './kubeadm';
import { ping } from './ping';
import { traceroute } from './traceroute';
import { gcloud } from './gcloud';
import { curl, wget } from './web';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from './types';

export const MAX_COMMAND_LENGTH = 4096;

const sleep: Command = (args, env) => {
  const secs = Number(args[0]);
  if (args.length !== 1 || !Number.isFinite(secs) || secs < 0) return fail(`sleep: invalid time interval '${args[0] ?? ''}'`);
  if (secs > 86_400) return fail('sleep: the playground lets at most one simulated day pass at a time (86400 s)');
  env.advance(Math.round(secs * 1000));
  return ok('');
};

const echo: Command = (args) => ok(args.join(' '));

/** `ip netns exec NS CMD` runs CMD in that namespace, with the same machine around it. */
const ip: Command = (args, env) => ipCommand(args, env, (line, ns) => runLine(line, { ...env, target: { ...env.target, ns } }));
const ln: Command = (args, env) => lnCommand(args, env);

export const COMMANDS: Record<string, Command> = {
  kubectl,
  systemctl,
  crictl,
  etcdctl,
  'ETCDCTL_API=3': etcdctlApi3,
  kubeadm,
  ip,
  brctl,
  ln,
  ping,
  traceroute,
  gcloud,
  curl,
  wget,
  cat,
  ls,
  hostname,
  iptables,
  'iptables-save': iptablesSaveCmd,
  conntrack,
  sysctl,
  bridge,
  grep,
  head,
  tail,
  wc,
  sort,
  sleep,
  echo,
};

/** Splits on `|` outside quotes. Returns an error message for unbalanced quotes. */
export function splitPipeline(line: string): string[] | string {
  const parts: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (const ch of line) {
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (ch === '|') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quote) return `unexpected EOF while looking for matching \`${quote}'`;
  parts.push(cur);
  return parts.map((p) => p.trim());
}

export function runLine(line: string, env: ShellEnv): CommandResult {
  const sh = env.target.kind === 'pod' ? 'sh' : 'bash';
  if (line.length > MAX_COMMAND_LENGTH) return fail(`${sh}: command line is ${line.length} characters; the limit is ${MAX_COMMAND_LENGTH}`, 2);
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return ok('');
  const stages = splitPipeline(trimmed);
  if (typeof stages === 'string') return fail(`${sh}: ${stages}`, 2);
  if (stages.some((s) => s === '')) return fail(`${sh}: syntax error near unexpected token \`|'`, 2);
  let input = '';
  let result: CommandResult = ok('');
  for (const stage of stages) {
    let words = shellWords(stage);
    if (words[0] === 'sudo' && env.target.kind === 'node') words = words.slice(1);
    const [name, ...args] = words;
    const cmd = COMMANDS[name];
    if (!cmd) {
      result = fail(env.target.kind === 'pod' ? `sh: ${name}: not found` : `bash: ${name}: command not found`, 127);
    } else {
      result = cmd(args, env, input);
    }
    input = result.out;
  }
  return result;
}
