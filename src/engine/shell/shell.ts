/**
 * The terminal's shell: splits a line into a pipeline, runs each command with the previous
 * one's output as input, and answers unknown commands as bash (nodes) or busybox sh (pods).
 */
import { mv } from './mv';
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
import { etcdctl } from './etcdctl';
import { kubeadm } from './kubeadm';
import { aptCache, aptGet, aptMark } from './apt';
import { ping } from './ping';
import { traceroute } from './traceroute';
import { ipvsadm } from './ipvsadm';
import { nft } from './nft';
import { gcloud } from './gcloud';
import { ipset } from './ipset';
import { calicoctl } from './calicoctl';
import { cnitool } from './cnitool';
import { curl, wget } from './web';
import { nslookup } from './nslookup';
import { dig } from './dig';
import { tcpdump } from './tcpdump';
import { getent, host } from './host';
import { envCmd, environment, printenv } from './env';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from './types';
import { nginx, redirectTo, rm, splitRedirect, touch } from './containerFs';
import { exitShell } from './kubectl/attach';

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
  kubeadm,
  'apt-get': aptGet,
  'apt-mark': aptMark,
  'apt-cache': aptCache,
  ip,
  brctl,
  ln,
  mv,
  ping,
  traceroute,
  ipvsadm,
  nft,
  gcloud,
  curl,
  wget,
  nslookup,
  dig,
  tcpdump,
  host,
  getent,
  env: envCmd,
  printenv,
  cat,
  ls,
  hostname,
  iptables,
  'iptables-save': iptablesSaveCmd,
  ipset,
  calicoctl,
  cnitool,
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
  touch,
  rm,
  nginx,
  exit: (_args, env) => exitShell(env),
};

/** Splits on an operator outside quotes: `|` for pipelines, or the list operators ; && ||. */
function splitOutsideQuotes(line: string, lists: boolean): { parts: string[]; ops: string[] } | string {
  const parts: string[] = [];
  const ops: string[] = [];
  let cur = '';
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    const two = line.slice(i, i + 2);
    if (quote) {
      if (ch === quote) quote = null;
      cur += ch;
    } else if (ch === '"' || ch === "'") {
      quote = ch;
      cur += ch;
    } else if (lists && (two === '&&' || two === '||')) {
      parts.push(cur);
      ops.push(two);
      cur = '';
      i++;
    } else if (lists && ch === ';') {
      parts.push(cur);
      ops.push(';');
      cur = '';
    } else if (!lists && ch === '|') {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (quote) return `unexpected EOF while looking for matching \`${quote}'`;
  parts.push(cur);
  return { parts: parts.map((p) => p.trim()), ops };
}

/** Splits on `|` outside quotes. Returns an error message for unbalanced quotes. */
export function splitPipeline(line: string): string[] | string {
  const r = splitOutsideQuotes(line, false);
  return typeof r === 'string' ? r : r.parts;
}

/** `~` and `$HOME` are root's home; `$VAR` comes from `VAR=value` prefixes. */
function expand(word: string, vars: Record<string, string>): string {
  const home = '/root';
  let w = word === '~' || word.startsWith('~/') ? home + word.slice(1) : word;
  w = w.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => (name === 'HOME' ? home : (vars[name] ?? '')));
  return w;
}

/** One pipeline: `a | b | c`, each stage getting the previous stage's output as input. */
function runPipeline(line: string, env: ShellEnv, sh: string): CommandResult {
  const stages = splitPipeline(line);
  if (typeof stages === 'string') return fail(`${sh}: ${stages}`, 2);
  if (stages.some((s) => s === '')) return fail(`${sh}: syntax error near unexpected token \`|'`, 2);
  let input = '';
  let result: CommandResult = ok('');
  for (const stage of stages) {
    if (/\$\(|`/.test(stage)) return fail(`${sh}: command substitution is not simulated in the playground`, 2);
    let words = shellWords(stage);
    if (words[0] === 'sudo' && env.target.kind === 'node') words = words.slice(1);
    // VAR=value prefixes set the variable for this one command.
    const vars: Record<string, string> = {};
    while (words.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
      const [k, ...v] = words[0].split('=');
      vars[k] = v.join('=');
      words = words.slice(1);
    }
    // $VAR: this command's prefixes over the terminal's environment (a pod's Service links too).
    const known = words.some((w) => w.includes('$')) ? Object.fromEntries(environment(env)) : {};
    words = words.map((w) => expand(w, { ...known, ...vars }));
    if (words.length === 0) {
      result = ok('');
      continue;
    }
    const redir = splitRedirect(words);
    if (typeof redir === 'string') return fail(`${sh}: ${redir}`, 2);
    const [name, ...args] = redir.words;
    const cmd = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) {
      result = fail(env.target.kind === 'pod' ? `sh: ${name}: not found` : `bash: ${name}: command not found`, 127);
    } else {
      result = cmd(args, { ...env, vars: { ...(env.vars ?? {}), ...vars } }, input);
    }
    if (redir.file && cmd) result = redirectTo(env, redir.file, redir.append, result, sh);
    input = result.out;
  }
  return result;
}

/** A command line: pipelines joined by `;`, `&&` (run if the last succeeded) and `||` (if it failed). */
export function runLine(line: string, env: ShellEnv): CommandResult {
  const sh = env.target.kind === 'pod' ? 'sh' : 'bash';
  if (line.length > MAX_COMMAND_LENGTH) return fail(`${sh}: command line is ${line.length} characters; the limit is ${MAX_COMMAND_LENGTH}`, 2);
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return ok('');
  const list = splitOutsideQuotes(trimmed, true);
  if (typeof list === 'string') return fail(`${sh}: ${list}`, 2);
  const { parts, ops } = list;
  const bad = parts.findIndex((p, i) => p === '' && !(i === parts.length - 1 && ops[i - 1] === ';'));
  if (bad >= 0) return fail(`${sh}: syntax error near unexpected token \`${ops[bad] ?? ops[bad - 1] ?? ';'}'`, 2);
  const outputs: string[] = [];
  let result: CommandResult = ok('');
  for (let i = 0; i < parts.length; i++) {
    if (parts[i] === '') continue;
    const op = ops[i - 1];
    if ((op === '&&' && result.code !== 0) || (op === '||' && result.code === 0)) continue;
    result = runPipeline(parts[i], env, sh);
    if (result.out !== '') outputs.push(result.out);
  }
  return { out: outputs.join('\n'), code: result.code };
}
