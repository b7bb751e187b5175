/** `-f FILE` for apply and create: a manifest from the machine's files or the offline internet. */
import type { KubeObject } from '../../api/types';
import { resourceForName } from '../../api/resources';
import { parseManifests } from '../../api/manifest';
import { remoteManifest } from '../../ingress/manifest';
import { applyObject } from '../../apiserver/apply';
import { ApiError } from '../../apiserver/errors';
import { fail, type CommandResult } from '../types';
import type { Kctx } from './context';
import { exampleManifest } from './examples';
import { FROM, ref } from './report';

/**
 * The text behind `-f FILE`: a file on the machine, or a URL the playground's offline internet
 * serves (the add-ons' and k8s.io examples' manifests). Any other URL gets what kubectl prints
 * for a missing page (resource/visitor.go readHttpWithRetries).
 */
export function readManifest(k: Kctx, file: string): string | CommandResult {
  const text = file === '-' ? undefined : (k.env.ctx.hosts.get(k.env.target.host)?.files[file] ?? remoteManifest(file) ?? exampleManifest(file));
  if (text !== undefined) return text;
  if (/^https?:\/\//.test(file)) return fail(`error: unable to read URL "${file}", server reported 404 Not Found, status code=404`);
  return fail(`error: the path "${file}" does not exist`);
}

/** `kubectl apply -f FILE` / `create -f FILE`: a manifest from the machine's files or a URL. */
export function applyFile(k: Kctx, file: string, verb: 'apply' | 'create'): CommandResult {
  const text = readManifest(k, file);
  if (typeof text !== 'string') return text;
  let objects: KubeObject[];
  try {
    objects = parseManifests(text);
  } catch (e) {
    return fail((e as Error).message.replace(/"STDIN"/g, `"${file}"`));
  }
  const lines: string[] = [];
  let code = 0;
  for (const o of objects) {
    const info = resourceForName(o.kind)!;
    if (info.namespaced && !o.metadata.namespace) o.metadata.namespace = k.namespace;
    try {
      if (verb === 'apply') lines.push(applyObject(k.env.ctx, o, file));
      else lines.push(`${ref(k.env.ctx.api.create(o, FROM))} created`);
    } catch (e) {
      code = 1;
      lines.push(e instanceof ApiError ? e.withVerb('creating', file).kubectlLine() : `error: ${(e as Error).message}`);
    }
  }
  return { out: lines.join('\n'), code };
}
