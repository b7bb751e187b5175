/**
 * `kubectl run -i [-t] [--rm] NAME --image=IMG [-- CMD]`: kubectl creates the pod with its stdin
 * open (stdin, stdinOnce, tty), waits until it runs and attaches. A shell then waits for input —
 * the terminal opens a tab on the pod, and `exit` there ends the session (with --rm kubectl then
 * deletes the pod). Any other command runs in the pod and kubectl prints what it wrote.
 */
import type { Pod } from '../../api/types';
import { containerProgram } from '../../kubelet/program';
import { runLine } from '../shell';
import { fail, ok, type CommandResult, type ShellEnv } from '../types';
import type { Kctx } from './context';
import { apiLine, FROM } from './report';

/** kubectl's --pod-running-timeout default. */
const RUNNING_TIMEOUT_MS = 60_000;
const POLL_MS = 500;

const deletedLine = (p: Pod): string => `pod "${p.metadata.name}" deleted from ${p.metadata.namespace} namespace`;

/** Advances simulated time until the pod leaves Pending (or is gone); a message when it does not. */
function waitFor(env: ShellEnv, ns: string, name: string, done: (p: Pod) => boolean): Pod | string {
  for (let waited = 0; ; waited += POLL_MS) {
    const p = env.ctx.api.get<Pod>('Pod', ns, name);
    if (!p) return `Error from server (NotFound): pods "${name}" not found`;
    if (done(p)) return p;
    if (waited >= RUNNING_TIMEOUT_MS) return 'error: timed out waiting for the condition';
    env.advance(POLL_MS);
  }
}

const settled = (p: Pod): boolean => p.status?.phase !== undefined && p.status.phase !== 'Pending';

/** Creates the pod and attaches to it (run.go: the -i/--attach path). */
export function runAttached(k: Kctx, pod: Pod, rm: boolean, tty: boolean): CommandResult {
  const env = k.env;
  const first = pod.spec.containers[0];
  const interactive = first.stdin === true && containerProgram(first).kind === 'long' && containerProgram({ ...first, stdin: false }).kind === 'exit';
  if (!interactive && containerProgram(first).kind === 'long') {
    // A server or an endless loop streams until Ctrl+C: the terminal cannot wait on it.
    const what = [...(first.command ?? []), ...(first.args ?? [])].join(' ') || first.image;
    return fail(`error: the playground cannot stay attached to "${what}", which runs until interrupted; run it without -i/--rm (it keeps running in the background) and stop it with: kubectl delete pod ${pod.metadata.name}`);
  }
  let made: Pod;
  try {
    made = env.ctx.api.create(pod, FROM);
  } catch (e) {
    return fail(apiLine(e));
  }
  const ns = made.metadata.namespace!;
  const name = made.metadata.name;
  const c = made.spec.containers[0];
  const running = waitFor(env, ns, name, settled);
  if (typeof running === 'string') return fail(running);
  if (interactive) {
    // An interactive shell: the session stays open until `exit` in the pod.
    (env.ctx.attached ??= new Map()).set(`${ns}/${name}`, { container: c.name, rm, from: env.target.kind === 'pod' ? env.target.pod! : env.target.host, uid: made.metadata.uid! });
    return ok(tty ? "If you don't see a command prompt, try pressing enter." : '');
  }
  // A command: attach streams what it prints (here: the command run once in the pod), until it ends.
  const netns = [...env.ctx.net.namespaces.values()].find((n) => n.kind === 'pod' && n.pod === `${ns}/${name}`);
  const words = [...(c.command ?? []), ...(c.args ?? [])];
  const line = words.length === 3 && /^(\/bin\/)?(sh|bash|ash)$/.test(words[0]) && words[1] === '-c' ? words[2] : words.join(' ');
  const out = netns && running.status?.phase === 'Running' && line ? runLine(line, { ...env, target: { kind: 'pod', host: netns.host, ns: netns, pod: `${ns}/${name}`, container: c.name } }) : { out: '', code: 0 };
  const ended = waitFor(env, ns, name, (p) => !p.status?.containerStatuses?.[0]?.state.running || p.status.phase !== 'Running');
  const lines = out.out ? [out.out] : [];
  // kubectl reports the exit code only where the container is not restarted (run.go waitForExitCode).
  const final = typeof ended === 'string' || made.spec.restartPolicy === 'Always' ? undefined : ended.status?.containerStatuses?.[0];
  const exitCode = final?.state.terminated?.exitCode ?? final?.lastState?.terminated?.exitCode ?? 0;
  if (rm) lines.push(remove(env, made));
  if (exitCode !== 0) lines.push(`pod ${ns}/${name} terminated (Error)`);
  return { out: lines.join('\n'), code: exitCode };
}

function remove(env: ShellEnv, p: Pod): string {
  try {
    env.ctx.api.delete('Pod', p.metadata.namespace, p.metadata.name, FROM);
    return deletedLine(p);
  } catch (e) {
    return apiLine(e);
  }
}

/**
 * `exit` in a pod's shell. In a `kubectl run -it` session the shell's stdin closes: the
 * container exits, and kubectl deletes the pod (--rm) or says how to attach again.
 */
export function exitShell(env: ShellEnv): CommandResult {
  const id = env.target.pod;
  if (env.target.kind !== 'pod' || !id) return ok('logout');
  const session = env.ctx.attached?.get(id);
  if (!session) return ok('');
  env.ctx.attached!.delete(id);
  const [ns, name] = id.split('/');
  const pod = env.ctx.api.get<Pod>('Pod', ns, name);
  // Deleted (or replaced by a pod of the same name): kubectl's stream already ended with it.
  if (!pod || pod.metadata.uid !== session.uid) return ok('');
  if (session.rm) return ok(remove(env, pod));
  const kubelet = env.ctx.kubelets?.get(pod.spec.nodeName ?? '') as { killContainer?: (uid: string, name: string, code?: number) => void } | undefined;
  // stdinOnce: the shell reads end-of-file and exits 0; restartPolicy decides what follows.
  env.ctx.clock.schedule(0, 'kubectl', () => kubelet?.killContainer?.(pod.metadata.uid!, session.container, 0));
  return ok(`Session ended, resume using 'kubectl attach ${name} -c ${session.container} -i -t' command when the pod is running`);
}
