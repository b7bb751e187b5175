/** kubectl config view | get-contexts | current-context | use-context | set-context, on $HOME/.kube/config. */
import { toYaml } from '../../api/manifest';
import { table } from '../table';
import { fail, ok, type CommandResult } from '../types';
import { boolFlag } from './args';
import type { Kctx } from './context';
import { readKubeconfig, writeKubeconfig, type KubeConfig } from './kubeconfig';

export const CONFIG_FLAGS = { value: ['output', 'cluster', 'user'], bool: ['raw', 'minify', 'flatten', 'current', 'no-headers'], short: { o: 'output' } };

const MISSING = 'error: current-context is not set';

function redact(cfg: KubeConfig): KubeConfig {
  const c = structuredClone(cfg);
  for (const cl of c.clusters ?? []) if (cl.cluster['certificate-authority-data']) cl.cluster['certificate-authority-data'] = 'DATA+OMITTED';
  for (const u of c.users ?? []) {
    for (const key of ['client-certificate-data', 'client-key-data']) if (u.user[key]) u.user[key] = 'DATA+OMITTED';
    if (u.user.token) u.user.token = 'REDACTED';
  }
  return c;
}

export function config(k: Kctx): CommandResult {
  const [sub, ...rest] = k.p.positional;
  const cfg = readKubeconfig(k.env);
  switch (sub) {
    case 'view': {
      const base: KubeConfig = cfg ?? { apiVersion: 'v1', clusters: [], contexts: [], 'current-context': '', kind: 'Config', preferences: {}, users: [] };
      let shown = boolFlag(k.p, 'raw') || boolFlag(k.p, 'flatten') ? base : redact(base);
      if (boolFlag(k.p, 'minify')) {
        const cur = shown.contexts?.find((c) => c.name === shown['current-context']);
        if (!cur) return fail(MISSING);
        shown = { ...shown, contexts: [cur], clusters: shown.clusters?.filter((c) => c.name === cur.context.cluster), users: shown.users?.filter((u) => u.name === cur.context.user) };
      }
      const out = k.p.flags.get('output');
      if (out === 'json') return ok(JSON.stringify(shown, null, 4));
      if (out?.startsWith('jsonpath=')) {
        const path = out.slice('jsonpath='.length).replace(/^\{|\}$/g, '');
        if (path === '.current-context' || path === "['current-context']") return ok(shown['current-context'] ?? '');
      }
      return ok(toYaml(shown).replace(/\n$/, ''));
    }
    case 'current-context': {
      const cur = cfg?.['current-context'];
      return cur ? ok(cur) : fail(MISSING);
    }
    case 'get-contexts': {
      const cur = cfg?.['current-context'];
      const rows = (cfg?.contexts ?? []).filter((c) => rest.length === 0 || rest.includes(c.name)).map((c) => [c.name === cur ? '*' : '', c.name, c.context.cluster ?? '', c.context.user ?? '', c.context.namespace ?? '']);
      if (rest.length > 0 && rows.length === 0) return fail(`error: context ${rest[0]} not found`);
      if (k.p.flags.get('output') === 'name') return ok(rows.map((r) => r[1]).join('\n'));
      const text = table(['CURRENT', 'NAME', 'CLUSTER', 'AUTHINFO', 'NAMESPACE'], rows);
      return ok(boolFlag(k.p, 'no-headers') ? text.split('\n').slice(1).join('\n') : text);
    }
    case 'get-clusters':
      return ok(['NAME', ...(cfg?.clusters ?? []).map((c) => c.name)].join('\n'));
    case 'get-users':
      return ok(['NAME', ...(cfg?.users ?? []).map((c) => c.name)].join('\n'));
    case 'use-context':
    case 'use': {
      const name = rest[0];
      if (!name) return fail("error: Unexpected args: []\nSee 'kubectl config use-context -h' for help and examples");
      if (!cfg?.contexts?.some((c) => c.name === name)) return fail(`error: no context exists with the name: "${name}"`);
      writeKubeconfig(k.env, { ...cfg, 'current-context': name });
      return ok(`Switched to context "${name}".`);
    }
    case 'set-context': {
      const current = boolFlag(k.p, 'current');
      const name = current ? cfg?.['current-context'] : rest[0];
      if (!name) return fail(current ? MISSING : "error: you must specify a non-empty context name or --current\nSee 'kubectl config set-context -h' for help and examples");
      const next: KubeConfig = structuredClone(cfg ?? { apiVersion: 'v1', kind: 'Config', clusters: [], contexts: [], users: [], preferences: {} });
      next.contexts ??= [];
      let ctx = next.contexts.find((c) => c.name === name);
      const created = !ctx;
      if (!ctx) next.contexts.push((ctx = { name, context: {} }));
      const ns = k.p.flags.get('namespace');
      if (ns !== undefined) ctx.context.namespace = ns;
      if (k.p.flags.get('cluster')) ctx.context.cluster = k.p.flags.get('cluster');
      if (k.p.flags.get('user')) ctx.context.user = k.p.flags.get('user');
      if (ctx.context.namespace === '') delete ctx.context.namespace;
      writeKubeconfig(k.env, next);
      return ok(`Context "${name}" ${created ? 'created' : 'modified'}.`);
    }
    default:
      return fail(`error: unknown command "${sub ?? ''}" for "kubectl config"\nAvailable Commands: current-context, get-clusters, get-contexts, get-users, set-context, use-context, view`);
  }
}
