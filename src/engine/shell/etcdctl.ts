/**
 * etcdctl (v3 API) on the control-plane node, reading the cluster's etcd through its real
 * keys: `etcdctl get --prefix /registry/pods --keys-only`. The apiserver stores objects as
 * JSON here (a real apiserver writes protobuf for built-in kinds), so values are readable.
 */
import { encodeBase64 } from '../apiserver/base64';
import { fail, ok, type Command, type CommandResult, type ShellEnv } from './types';

const CLUSTER_ID = 14841639068965178418n;
const MEMBER_ID = '8e9e05c52164694d';

function parse(args: string[]): { pos: string[]; flags: Map<string, string> } | string {
  const pos: string[] = [];
  const flags = new Map<string, string>();
  const valued = new Set(['endpoints', 'cacert', 'cert', 'key', 'write-out', 'limit', 'user', 'password', 'dial-timeout', 'command-timeout', 'sort-by', 'order']);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-w') {
      flags.set('write-out', args[++i] ?? '');
      continue;
    }
    if (a.startsWith('--')) {
      const [name, ...rest] = a.slice(2).split('=');
      if (valued.has(name)) flags.set(name, rest.length > 0 ? rest.join('=') : (args[++i] ?? ''));
      else if (['prefix', 'keys-only', 'print-value-only', 'count-only', 'from-key', 'insecure-skip-tls-verify', 'hex'].includes(name)) flags.set(name, 'true');
      else return `Error: unknown flag: --${name}`;
      continue;
    }
    pos.push(a);
  }
  return { pos, flags };
}

function get(env: ShellEnv, pos: string[], flags: Map<string, string>): CommandResult {
  const etcd = env.ctx.api.etcd;
  const [key, end] = pos;
  if (!key) return fail('Error: get command needs one argument as key and an optional argument as range_end');
  let kvs = flags.has('prefix') ? etcd.range(key) : flags.has('from-key') ? etcd.range('').filter((kv) => kv.key >= key) : end ? etcd.range('').filter((kv) => kv.key >= key && kv.key < end) : etcd.get(key) ? [etcd.get(key)!] : [];
  const count = kvs.length;
  if (flags.get('order') === 'DESCEND') kvs = [...kvs].reverse();
  const limit = Number(flags.get('limit') ?? 0);
  if (limit > 0) kvs = kvs.slice(0, limit);
  const out = flags.get('write-out') ?? 'simple';
  if (out === 'json') {
    const header = { cluster_id: CLUSTER_ID.toString(), member_id: BigInt(`0x${MEMBER_ID}`).toString(), revision: etcd.revision, raft_term: 2 };
    const body = { header, kvs: kvs.map((kv) => ({ key: encodeBase64(kv.key), create_revision: kv.createRevision, mod_revision: kv.modRevision, version: kv.version, ...(flags.has('keys-only') ? {} : { value: encodeBase64(kv.value) }) })), count, ...(limit > 0 && count > limit ? { more: true } : {}) };
    return ok(JSON.stringify(body).replace(/"cluster_id":"(\d+)","member_id":"(\d+)"/, '"cluster_id":$1,"member_id":$2'));
  }
  if (flags.has('count-only')) return ok(String(count));
  const lines: string[] = [];
  for (const kv of kvs) {
    if (flags.has('keys-only')) lines.push(kv.key, '');
    else if (flags.has('print-value-only')) lines.push(kv.value);
    else lines.push(kv.key, kv.value);
  }
  return ok(lines.join('\n'));
}

export const etcdctl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: etcdctl: not found', 127);
  const host = env.ctx.hosts.get(env.target.host);
  const p = parse(args);
  if (typeof p === 'string') return fail(p);
  if (host?.role !== 'control-plane') {
    return fail('{"level":"warn","msg":"retrying of unary invoker failed","target":"etcd-endpoints://0xc000254000/127.0.0.1:2379","attempt":0,"error":"rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \\"transport: Error while dialing: dial tcp 127.0.0.1:2379: connect: connection refused\\""}\nError: context deadline exceeded');
  }
  const [sub, ...rest] = p.pos;
  switch (sub) {
    case 'get':
      return get(env, rest, p.flags);
    case 'version':
      return ok('etcdctl version: 3.6.4\nAPI version: 3.6');
    case 'endpoint':
      if (rest[0] === 'health') return ok(`${p.flags.get('endpoints') ?? '127.0.0.1:2379'} is healthy: successfully committed proposal: took = 9.482ms`);
      if (rest[0] === 'status') {
        const ep = p.flags.get('endpoints') ?? '127.0.0.1:2379';
        const size = env.ctx.api.etcd.dump().reduce((s, kv) => s + kv.key.length + kv.value.length, 0);
        return ok(`${ep}, ${MEMBER_ID}, 3.6.4, ${(size / 1e6 + 1).toFixed(1)} MB, true, false, 2, ${env.ctx.api.etcd.revision}, ${env.ctx.api.etcd.revision}, `);
      }
      return fail('Error: unknown command "' + (rest[0] ?? '') + '" for "etcdctl endpoint"');
    case 'member':
      if (rest[0] === 'list') return ok(`${MEMBER_ID}, started, ${host.name}, https://${host.ip}:2380, https://${host.ip}:2379, false`);
      return fail('Error: unknown command "' + (rest[0] ?? '') + '" for "etcdctl member"');
    case 'put':
    case 'del':
      return fail(`Error: the playground's etcd is written only by the kube-apiserver; use kubectl to change objects`);
    default:
      return fail(`Error: unknown command "${sub ?? ''}" for "etcdctl"\nthe playground simulates: etcdctl get KEY [--prefix] [--keys-only] [--print-value-only] [--limit N] [-w json], etcdctl member list, etcdctl endpoint health|status, etcdctl version`);
  }
};
