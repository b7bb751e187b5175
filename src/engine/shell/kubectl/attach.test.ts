import { describe, expect, it } from 'vitest';
import type { Pod } from '../../api/types';
import { Simulation } from '../../sim/simulation';

const cp = (sim: Simulation, cmd: string) => sim.exec('control-plane', cmd);

describe('kubectl run -i/-it (attached)', () => {
  it('opens a shell session with stdin and tty; exit in the pod ends it and --rm deletes the pod', () => {
    const sim = Simulation.create();
    expect(cp(sim, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh')).toEqual({ output: "If you don't see a command prompt, try pressing enter.", exitCode: 0 });
    const pod = sim.ctx.api.get<Pod>('Pod', 'default', 'debug')!;
    expect(pod.status?.phase).toBe('Running');
    expect(pod.spec.containers[0]).toMatchObject({ stdin: true, stdinOnce: true, tty: true, args: ['sh'] });
    // The shell keeps running while the session is open.
    sim.sleep(30_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'debug')!.status?.containerStatuses?.[0].state.running).toBeDefined();
    expect(sim.exec('default/debug', 'hostname').output).toBe('debug');
    expect(sim.exec('default/debug', 'exit')).toEqual({ output: 'pod "debug" deleted from default namespace', exitCode: 0 });
    sim.sleep(40_000);
    expect(sim.ctx.api.get<Pod>('Pod', 'default', 'debug')).toBeUndefined();
  });

  it('without --rm, exit leaves the pod and says how to attach again; the shell exits and is restarted', () => {
    const sim = Simulation.create();
    cp(sim, 'kubectl run -it keep --image=busybox:1.36');
    expect(sim.exec('default/keep', 'exit').output).toBe("Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running");
    sim.sleep(1000);
    const st = sim.ctx.api.get<Pod>('Pod', 'default', 'keep')!.status!.containerStatuses![0];
    expect(st.lastState?.terminated?.exitCode ?? st.state.terminated?.exitCode).toBe(0);
    // A second exit is an ordinary shell's: nothing more to say.
    expect(sim.exec('default/keep', 'exit').output).toBe('');
  });

  it('runs a command attached: its output, then the pod deleted, and the exit code of a failed run', () => {
    const sim = Simulation.create();
    const ok = cp(sim, 'kubectl run -i --rm --restart=Never q --image=busybox:1.36 -- hostname');
    expect(ok).toEqual({ output: 'q\npod "q" deleted from default namespace', exitCode: 0 });
    const bad = cp(sim, 'kubectl run -i --rm --restart=Never e --image=busybox:1.36 -- sh -c "exit 3"');
    expect(bad).toEqual({ output: 'pod "e" deleted from default namespace\npod default/e terminated (Error)', exitCode: 3 });
  });

  it('refuses the flag combinations kubectl refuses', () => {
    const sim = Simulation.create();
    expect(cp(sim, 'kubectl run -t x --image=busybox')).toEqual({ output: "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples", exitCode: 1 });
    expect(cp(sim, 'kubectl run --rm x --image=busybox')).toEqual({ output: 'error: --rm should only be used for attached containers', exitCode: 1 });
    expect(sim.ctx.api.get('Pod', 'default', 'x')).toBeUndefined();
    // A process that never ends cannot hold the terminal: say how to run it instead.
    const loop = cp(sim, 'kubectl run -i --tty load-generator --rm --image=busybox:1.28 --restart=Never -- /bin/sh -c "while sleep 0.01; do wget -q -O- http://php-apache; done"');
    expect(loop.exitCode).toBe(1);
    expect(loop.output).toMatch(/^error: the playground cannot stay attached to "\/bin\/sh -c while sleep 0\.01; do wget -q -O- http:\/\/php-apache; done", which runs until interrupted; run it without -i\/--rm/);
    expect(sim.ctx.api.get('Pod', 'default', 'load-generator')).toBeUndefined();
    // A plain run still just creates the pod.
    expect(cp(sim, 'kubectl run plain --image=busybox:1.36 -- sleep 3600').output).toBe('pod/plain created');
  });

  it('replays from the action log to the same state (a shared link)', () => {
    const sim = Simulation.create();
    cp(sim, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh');
    sim.exec('default/debug', 'exit');
    const again = Simulation.replay(sim.scenario, sim.actions);
    expect(again.stateHash()).toBe(sim.stateHash());
  });

  it('the snapshot lists the open sessions, rebuilt by a replay (a reload), until exit or the pod is gone', () => {
    const sim = Simulation.create();
    cp(sim, 'kubectl run -it --rm debug --image=busybox:1.36 -- sh');
    cp(sim, 'kubectl run -it keep --image=busybox:1.36');
    expect(sim.snapshot().attached).toEqual([
      { pod: 'default/debug', from: 'control-plane' },
      { pod: 'default/keep', from: 'control-plane' },
    ]);
    // A reload restores the autosave by replaying its log: the sessions are open again.
    const again = Simulation.replay(sim.scenario, sim.actions);
    expect(again.snapshot().attached).toEqual(sim.snapshot().attached);
    expect(again.exec('default/debug', 'exit').output).toBe('pod "debug" deleted from default namespace');
    // A deleted pod ends its session; a new pod under the same name is not attached.
    cp(again, 'kubectl delete pod keep --grace-period=0 --force');
    expect(again.snapshot().attached).toBeUndefined();
    cp(again, 'kubectl run keep --image=busybox:1.36 -- sleep 3600');
    again.sleep(5_000);
    expect(again.snapshot().attached).toBeUndefined();
    expect(again.exec('default/keep', 'exit').output).toBe('');
  });
});
