/** kubectl exec POD [-c C] -- CMD: runs the command in the pod's terminal (its network namespace). */
import type { Pod } from '../../api/types';
import { ApiError } from '../../apiserver/errors';
import { runLine } from '../shell';
import { fail, type CommandResult } from '../types';
import type { Kctx } from './context';

export const EXEC_FLAGS = { value: ['container'], bool: ['stdin', 'tty', 'quiet'], short: { c: 'container', i: 'stdin', t: 'tty', q: 'quiet' } };

function quote(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

export function exec(k: Kctx): CommandResult {
  const [target, ...cmd] = k.p.positional;
  if (!target || cmd.length === 0) return fail("error: you must specify at least one command for the container\nSee 'kubectl exec -h' for help and examples");
  const name = target.replace(/^(pods?|po)\//, '');
  const pod = k.env.ctx.api.get<Pod>('Pod', k.namespace, name);
  if (!pod) return fail(new ApiError(404, 'NotFound', `pods "${name}" not found`).kubectlLine());
  const c = k.p.flags.get('container');
  if (c && !pod.spec.containers.some((x) => x.name === c)) return fail(`error: unable to upgrade connection: container not found ("${c}")`);
  const id = `${pod.metadata.namespace}/${pod.metadata.name}`;
  const ns = [...k.env.ctx.net.namespaces.values()].find((n) => n.kind === 'pod' && n.pod === id);
  // A container that is not running (crashed, in back-off) has no process to exec into.
  const st = pod.status?.containerStatuses?.find((x) => x.name === (c ?? pod.spec.containers[0].name));
  if (!ns || pod.status?.phase !== 'Running' || (st && !st.state.running)) return fail(`error: unable to upgrade connection: container not found ("${c ?? pod.spec.containers[0].name}")`);
  const line = cmd.length === 3 && ['sh', '/bin/sh', 'bash'].includes(cmd[0]) && cmd[1] === '-c' ? cmd[2] : cmd.map(quote).join(' ');
  return runLine(line, { ...k.env, target: { kind: 'pod', host: ns.host, ns, pod: id, container: c ?? pod.spec.containers[0].name } });
}
