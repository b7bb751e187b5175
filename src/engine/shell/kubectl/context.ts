/** What every kubectl verb gets: the shell, the parsed flags and the namespace to use. */
import type { KubeObject } from '../../api/types';
import { humanDuration, simMsOf } from '../../sim/time';
import type { ShellEnv } from '../types';
import { parseArgs, type FlagSpec, type Parsed } from './args';
import { contextNamespace } from './kubeconfig';

export interface Kctx {
  env: ShellEnv;
  p: Parsed;
  namespace: string;
  allNamespaces: boolean;
  verb: string;
}

export function makeKctx(env: ShellEnv, verb: string, args: string[], spec: FlagSpec): Kctx {
  const p = parseArgs(args, spec, verb);
  const namespace = p.flags.get('namespace') || contextNamespace(env, p.flags.get('context'));
  const allNamespaces = p.flags.get('all-namespaces') !== undefined && p.flags.get('all-namespaces') !== 'false';
  return { env, p, namespace, allNamespaces, verb };
}

export function age(k: Kctx, obj: KubeObject): string {
  return ageOf(k.env.ctx.clock.now, obj.metadata.creationTimestamp);
}

export function ageOf(now: number, iso: string | undefined): string {
  if (!iso) return '<unknown>';
  return humanDuration(now - simMsOf(iso));
}

export class KubectlError extends Error {}
