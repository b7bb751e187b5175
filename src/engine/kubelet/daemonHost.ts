/**
 * The in-process daemons one kubelet's containers run (see daemons.ts): started when a
 * container of a system image starts, stopped when it stops or its sandbox goes away.
 * A stopped kubelet leaves them running, as a real `systemctl stop kubelet` leaves the
 * containers running.
 */
import type { Container, Pod } from '../api/types';
import type { SimContext } from '../sim/context';
import { daemonFor, type DaemonHandle } from './daemons';

export class DaemonHost {
  /** By pod uid, then container name. */
  private running = new Map<string, Map<string, DaemonHandle>>();

  constructor(
    private readonly ctx: SimContext,
    private readonly host: string,
  ) {}

  /** An app container started (or restarted after a crash). */
  started(pod: Pod, c: Container, exit: (code: number) => void = () => undefined): void {
    const spec = daemonFor(c.image);
    if (!spec) return;
    this.stopped(pod.metadata.uid!, c.name);
    const handle = spec.start({ ctx: this.ctx, host: this.host, pod, container: c, exit });
    const byName = this.running.get(pod.metadata.uid!) ?? new Map<string, DaemonHandle>();
    byName.set(c.name, handle);
    this.running.set(pod.metadata.uid!, byName);
  }

  /** An init container ran to completion. */
  initDone(pod: Pod, c: Container): void {
    daemonFor(c.image)?.init?.({ ctx: this.ctx, host: this.host, pod, container: c });
  }

  /** One container stopped (exited, killed). */
  stopped(uid: string, name: string): void {
    const byName = this.running.get(uid);
    const h = byName?.get(name);
    if (!h) return;
    byName!.delete(name);
    h.stop();
  }

  /** The pod's sandbox was removed: every container of it stopped. */
  podGone(uid: string): void {
    for (const name of [...(this.running.get(uid)?.keys() ?? [])]) this.stopped(uid, name);
    this.running.delete(uid);
  }

  /** Names of the daemons running here (for tests and the UI). */
  names(): string[] {
    return [...this.running.values()].flatMap((m) => [...m.keys()]);
  }
}
