/**
 * What a container's process does, read from its image and command: a server or `sleep
 * infinity` runs until stopped; `echo hi`, `true`, `exit 3`, `false`, `sleep 30` or a bare
 * shell image (busybox, alpine: `sh` with no terminal) exit, which is what makes a pod
 * Completed, Error or CrashLoopBackOff.
 */
import type { Container } from '../api/types';

export type Program = { kind: 'long' } | { kind: 'exit'; code: number; afterMs: number };

const SHELL_IMAGES = /^(?:.*\/)?(busybox|alpine|ubuntu|debian|centos|fedora|bash)(:|@|$)/;
const QUICK_MS = 500;

export function containerProgram(c: Container): Program {
  const cmd = [...(c.command ?? []), ...(c.args ?? [])].join(' ').trim();
  // A shell whose stdin stays open (kubectl run -i) waits for input until the session ends.
  if (c.stdin && (cmd === '' ? SHELL_IMAGES.test(c.image) : /^(\/bin\/)?(sh|bash|ash)$/.test(cmd))) return { kind: 'long' };
  if (cmd === '') return SHELL_IMAGES.test(c.image) ? { kind: 'exit', code: 0, afterMs: QUICK_MS } : { kind: 'long' };
  if (/\bsleep\s+(infinity|inf)\b|\btail\s+-f\b|\bwhile\s+(true|:|sleep\b)|\bnginx\b|\bhttpd\b|\bnc\s+-l/.test(cmd)) return { kind: 'long' };
  const first = (c.command ?? c.args ?? [])[0] ?? '';
  if (!/(^|\/)(sh|bash|ash|sleep|echo|true|false|exit|date|env|printenv|hostname|ls|cat|nslookup|wget|ping)$/.test(first)) return { kind: 'long' };
  let afterMs = QUICK_MS;
  const sleep = /\bsleep\s+(\d+)(s|m|h)?\b/.exec(cmd);
  if (sleep) afterMs += Number(sleep[1]) * (sleep[2] === 'h' ? 3_600_000 : sleep[2] === 'm' ? 60_000 : 1000);
  const exit = /\bexit\s+(\d+)/.exec(cmd);
  if (exit) return { kind: 'exit', code: Number(exit[1]), afterMs };
  if (/(^|[\s;&|(])false(\s*$|\s*[;&|)])/.test(cmd)) return { kind: 'exit', code: 1, afterMs };
  return { kind: 'exit', code: 0, afterMs };
}

/** The kubelet's crash back-off: 10 s, doubling, at most 5 minutes. */
export function backoffMs(restarts: number): number {
  return Math.min(300_000, 10_000 * 2 ** Math.max(0, restarts - 1));
}
