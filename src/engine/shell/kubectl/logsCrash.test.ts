import { expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';

it('kubectl logs of a CrashLoopBackOff container shows the run that just exited; -p needs a terminated run', () => {
  const sim = Simulation.create();
  sim.exec('control-plane', 'kubectl run crash --image=busybox:1.36 -- sh -c "echo starting; exit 1"');
  sim.exec('control-plane', 'kubectl run fresh --image=nginx:1.27');
  sim.sleep(60_000);
  expect(sim.exec('control-plane', 'kubectl get pod crash').output).toContain('CrashLoopBackOff');
  expect(sim.exec('control-plane', 'kubectl logs crash').output).toBe('starting');
  expect(sim.exec('control-plane', 'kubectl logs crash --previous').output).toBe('starting');
  const fresh = sim.exec('control-plane', 'kubectl logs fresh -p');
  expect(fresh.exitCode).not.toBe(0);
  expect(fresh.output).toBe('Error from server (BadRequest): previous terminated container "fresh" in pod "fresh" not found');
});
