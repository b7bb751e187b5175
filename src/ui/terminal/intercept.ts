/**
 * Commands the terminal handles itself instead of sending to the engine: `clear`, `exit`,
 * `watch CMD`, and `kubectl exec -it POD -- sh`, which opens a new tab for the pod.
 */
export type Intercepted =
  | { kind: 'clear' }
  | { kind: 'exit' }
  | { kind: 'watch'; command: string; seconds: number }
  | { kind: 'exec-shell'; pod: string }
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
