/**
 * systemctl for the node services the playground runs: kubelet (start/stop/restart/status/
 * is-active) and the container runtime (status). Stopping the kubelet stops lease renewals
 * and status updates; the containers it started keep running.
 */
import { SIM_EPOCH_MS, humanDuration } from '../sim/time';
import { kubeletStarted } from './upgrade';
import { fail, ok, type Command, type ShellEnv } from './types';

function since(ms: number): string {
  const d = new Date(SIM_EPOCH_MS + ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  return `${days[d.getUTCDay()]} ${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)} UTC`;
}

function ago(env: ShellEnv, ms: number): string {
  const s = Math.floor((env.ctx.clock.now - ms) / 1000);
  if (s < 60) return `${s}s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}min ago`;
  return `${humanDuration(env.ctx.clock.now - ms)} ago`;
}

function kubeletStatus(env: ShellEnv): { text: string; code: number } {
  const k = env.ctx.kubelets?.get(env.target.host);
  const host = env.ctx.hosts.get(env.target.host)!;
  const sock = host.runtime === 'cri-o' ? 'unix:///var/run/crio/crio.sock' : 'unix:///var/run/containerd/containerd.sock';
  const head = ['● kubelet.service - kubelet: The Kubernetes Node Agent', '     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; preset: enabled)', '    Drop-In: /usr/lib/systemd/system/kubelet.service.d', '             └─10-kubeadm.conf'];
  if (!k || !k.running()) {
    const when = k ? k.since() : 0;
    return {
      text: [...head, `     Active: inactive (dead) since ${since(when)}; ${ago(env, when)}`, '       Docs: https://kubernetes.io/docs/', `   Main PID: ${k?.pid() ?? 0} (code=exited, status=0/SUCCESS)`, '        CPU: 1.204s'].join('\n'),
      code: 3,
    };
  }
  const pid = k.pid();
  return {
    text: [
      ...head,
      `     Active: active (running) since ${since(k.since())}; ${ago(env, k.since())}`,
      '       Docs: https://kubernetes.io/docs/',
      `   Main PID: ${pid} (kubelet)`,
      '      Tasks: 11 (limit: 4589)',
      '     Memory: 38.4M',
      '        CPU: 1.204s',
      '     CGroup: /system.slice/kubelet.service',
      `             └─${pid} /usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=${sock} --pod-infra-container-image=registry.k8s.io/pause:3.10.1`,
    ].join('\n'),
    code: 0,
  };
}

function runtimeStatus(env: ShellEnv, unit: string): string {
  const host = env.ctx.hosts.get(env.target.host)!;
  const crio = host.runtime === 'cri-o';
  const title = crio ? 'crio.service - Container Runtime Interface for OCI (CRI-O)' : 'containerd.service - containerd container runtime';
  return [
    `● ${title}`,
    `     Loaded: loaded (/usr/lib/systemd/system/${unit}.service; enabled; preset: enabled)`,
    `     Active: active (running) since ${since(0)}; ${ago(env, 0)}`,
    `       Docs: ${crio ? 'https://github.com/cri-o/cri-o' : 'https://containerd.io'}`,
    `   Main PID: 512 (${crio ? 'crio' : 'containerd'})`,
    '     CGroup: /system.slice/' + unit + '.service',
    `             └─512 /usr/bin/${crio ? 'crio' : 'containerd'}`,
  ].join('\n');
}

export const systemctl: Command = (args, env) => {
  if (env.target.kind === 'pod') return fail('sh: systemctl: not found', 127);
  const words = args.filter((a) => !a.startsWith('-'));
  const [verb, rawUnit] = words;
  if (!verb) return fail('systemctl: the playground simulates: systemctl status|start|stop|restart|is-active kubelet, systemctl status containerd|crio');
  if (verb === 'daemon-reload') return ok('');
  if (!rawUnit) return fail(`Too few arguments.`);
  const unit = rawUnit.replace(/\.service$/, '');
  const host = env.ctx.hosts.get(env.target.host)!;
  const runtimeUnit = host.runtime === 'cri-o' ? 'crio' : 'containerd';
  const k = env.ctx.kubelets?.get(env.target.host);
  if (unit === runtimeUnit) {
    if (verb === 'status') return ok(runtimeStatus(env, unit));
    if (verb === 'is-active') return ok('active');
    return fail(`The playground does not simulate ${verb === 'stop' ? 'stopping' : `${verb}ing`} ${unit}; stop the kubelet instead (systemctl stop kubelet).`);
  }
  if (unit !== 'kubelet') return fail(verb === 'status' ? `Unit ${unit}.service could not be found.` : `Failed to ${verb} ${unit}.service: Unit ${unit}.service not found.`, verb === 'status' ? 4 : 5);
  switch (verb) {
    case 'status': {
      const s = kubeletStatus(env);
      return { out: s.text, code: s.code };
    }
    case 'is-active':
      return k?.running() ? ok('active') : fail('inactive', 3);
    case 'stop':
      k?.stop();
      return ok('');
    case 'start':
      if (!k) return fail('Job for kubelet.service failed because the control process exited with error code.');
      k.start();
      kubeletStarted(env.ctx, env.target.host);
      return ok('');
    case 'restart':
      if (!k) return fail('Job for kubelet.service failed because the control process exited with error code.');
      k.stop();
      k.start();
      kubeletStarted(env.ctx, env.target.host);
      return ok('');
    case 'enable':
    case 'disable':
      return ok('');
    default:
      return fail(`Unknown command verb '${verb}'.`);
  }
};
