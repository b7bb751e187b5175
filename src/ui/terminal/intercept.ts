/**
 * Commands the terminal handles itself instead of sending to the engine: `clear`, `exit`,
 * `watch CMD`, `kubectl exec -it POD -- sh`, which opens a new tab for the pod, and
 * `kubectl run -it POD ...`, which the engine runs and whose shell then gets a tab.
 */
export type Intercepted =
  | { kind: 'clear' }
  | { kind: 'exit' }
  | { kind: 'watch'; command: string; seconds: number }
  | { kind: 'exec-shell'; pod: string }
  | { kind: 'run-attach'; pod: string; command: string }
  | { kind: 'engine'; command: string };

const SHELLS = /^(\/bin\/)?(sh|bash|ash)$/;

export function intercept(line: string): Intercepted {
  const cmd = line.trim().replace(/^sudo\s+/, '');
  if (cmd === 'clear' || cmd === 'reset') return { kind: 'clear' };
  if (cmd === 'exit' || cmd === 'logout') return { kind: 'exit' };
  const watch = /^watch(?:\s+(?:-n\s*|--interval[= ])(\d+(?:\.\d+)?))?\s+(.+)$/.exec(cmd);
  if (watch) return { kind: 'watch', command: watch[2], seconds: Math.max(0.5, Number(watch[1] ?? 2)) };
  const pod = execShellTarget(cmd);
  if (pod) return { kind: 'exec-shell', pod };
  const run = runAttachTarget(cmd);
  if (run) return { kind: 'run-attach', pod: run, command: line.trim() };
  return { kind: 'engine', command: line.trim() };
}

/** `kubectl exec -it POD [-n NS] [-c C] -- sh` → "NS/POD"; undefined for anything else. */
export function execShellTarget(cmd: string): string | undefined {
  const m = /^kubectl\s+(.*?)\s+--\s+(\S+)\s*$/.exec(cmd);
  if (!m || !SHELLS.test(m[2])) return undefined;
  const args = m[1].split(/\s+/);
  if (args[0] !== 'exec') return undefined;
  let ns = 'default';
  let pod: string | undefined;
  let interactive = false;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '--namespace') ns = args[++i] ?? ns;
    else if (a.startsWith('--namespace=')) ns = a.slice(12);
    else if (a === '-c' || a === '--container') i++;
    else if (/^-(it|ti)$/.test(a) || a === '-i' || a === '-t' || a === '--stdin' || a === '--tty') interactive = interactive || a.includes('i') || a === '--stdin';
    else if (!a.startsWith('-')) pod = a.replace(/^(pods?|po)\//, '');
  }
  return interactive && pod ? `${ns}/${pod}` : undefined;
}

/** kubectl run's flags that take a value as the next word (`--image nginx`). */
const RUN_VALUED = new Set(['--image', '--port', '--labels', '-l', '--restart', '--dry-run', '--output', '-o', '--env', '--overrides', '--image-pull-policy', '-n', '--namespace', '--context']);

/** `kubectl run -i|-it|--stdin NAME ...` → "NS/NAME" of the pod it attaches to; undefined otherwise. */
export function runAttachTarget(cmd: string): string | undefined {
  const words = cmd.split(/\s+/);
  if (words[0] !== 'kubectl' || words[1] !== 'run') return undefined;
  let ns = 'default';
  let name: string | undefined;
  let stdin = false;
  for (let i = 2; i < words.length && words[i] !== '--'; i++) {
    const a = words[i];
    if (a === '-n' || a === '--namespace') ns = words[i + 1] ?? ns;
    else if (a.startsWith('--namespace=')) ns = a.slice(12);
    else if (a === '--stdin' || a === '--stdin=true' || /^-[it]*i[it]*$/.test(a)) stdin = true;
    if (RUN_VALUED.has(a)) i++;
    else if (!a.startsWith('-') && name === undefined) name = a;
  }
  return stdin && name ? `${ns}/${name}` : undefined;
}
