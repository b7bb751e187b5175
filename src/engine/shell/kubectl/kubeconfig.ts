/** The kubeconfig kubectl reads ($HOME/.kube/config on the control plane): contexts and their namespace. */
import { parse } from 'yaml';
import { toYaml } from '../../api/manifest';
import type { ShellEnv } from '../types';

export const KUBECONFIG = '/root/.kube/config';

export interface KubeContext {
  name: string;
  context: { cluster?: string; user?: string; namespace?: string };
}

export interface KubeConfig {
  apiVersion?: string;
  kind?: string;
  clusters?: { name: string; cluster: Record<string, unknown> }[];
  contexts?: KubeContext[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
  users?: { name: string; user: Record<string, unknown> }[];
}

export function readKubeconfig(env: ShellEnv): KubeConfig | undefined {
  const text = env.ctx.hosts.get(env.target.host)?.files[KUBECONFIG];
  if (text === undefined) return undefined;
  try {
    const v: unknown = parse(text);
    return v && typeof v === 'object' ? (v as KubeConfig) : undefined;
  } catch {
    return undefined;
  }
}

export function writeKubeconfig(env: ShellEnv, cfg: KubeConfig): void {
  const host = env.ctx.hosts.get(env.target.host);
  if (host) host.files[KUBECONFIG] = toYaml(cfg);
}

export function currentContext(cfg: KubeConfig | undefined, override?: string): KubeContext | undefined {
  const name = override ?? cfg?.['current-context'];
  return cfg?.contexts?.find((c) => c.name === name);
}

/** The namespace commands default to: the current context's, else "default". */
export function contextNamespace(env: ShellEnv, contextOverride?: string): string {
  return currentContext(readKubeconfig(env), contextOverride)?.context.namespace || 'default';
}
