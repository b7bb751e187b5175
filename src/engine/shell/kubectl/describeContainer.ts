/**
 * The parts of `kubectl describe pod` about what runs inside: a container's probes
 * (Liveness/Readiness/Startup lines), its env from ConfigMaps and Secrets, its volume mounts,
 * and the pod's volumes — in kubectl's own wording.
 */
import type { Container, Pod, Probe } from '../../api/types';

type Line = (level: number, ...cells: string[]) => void;

function probeText(p: Probe): string {
  let what = 'unknown';
  if (p.httpGet) what = `http-get ${(p.httpGet.scheme ?? 'HTTP').toLowerCase()}://${p.httpGet.host ?? ''}:${p.httpGet.port}${p.httpGet.path ?? ''}`;
  else if (p.tcpSocket) what = `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port}`;
  else if (p.exec) what = `exec [${p.exec.command.join(' ')}]`;
  return `${what} delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
}

export function probeLines(line: Line, l: number, c: Container): void {
  if (c.livenessProbe) line(l, 'Liveness:', probeText(c.livenessProbe));
  if (c.readinessProbe) line(l, 'Readiness:', probeText(c.readinessProbe));
  if (c.startupProbe) line(l, 'Startup:', probeText(c.startupProbe));
}

export function envLines(line: Line, l: number, c: Container): void {
  if (c.envFrom?.length) {
    line(l, 'Environment Variables from:');
    for (const f of c.envFrom) {
      if (f.configMapRef) line(l + 1, f.configMapRef.name, `ConfigMap${f.prefix ? ` with prefix '${f.prefix}'` : ''}`, 'Optional: false');
      if (f.secretRef) line(l + 1, f.secretRef.name, `Secret${f.prefix ? ` with prefix '${f.prefix}'` : ''}`, 'Optional: false');
    }
  }
  const envs = c.env ?? [];
  if (envs.length === 0) {
    line(l, 'Environment:', '<none>');
    return;
  }
  line(l, 'Environment:');
  for (const e of envs) {
    const cm = e.valueFrom?.configMapKeyRef;
    const sec = e.valueFrom?.secretKeyRef;
    if (cm) line(l + 1, `${e.name}:`, `<set to the key '${cm.key}' of config map '${cm.name}'>`, 'Optional: false');
    else if (sec) line(l + 1, `${e.name}:`, `<set to the key '${sec.key}' in secret '${sec.name}'>`, 'Optional: false');
    else line(l + 1, `${e.name}:`, e.value ?? '');
  }
}

export function mountLines(line: Line, l: number, c: Container): void {
  for (const m of c.volumeMounts ?? []) line(l, `${m.mountPath} from ${m.name} (${m.readOnly ? 'ro' : 'rw'}${m.subPath ? `,path="${m.subPath}"` : ''})`);
}

export function volumeLines(line: Line, pod: Pod): void {
  for (const v of pod.spec.volumes ?? []) {
    line(1, `${v.name}:`);
    if (v.emptyDir) {
      line(2, 'Type:', "EmptyDir (a temporary directory that shares a pod's lifetime)");
      line(2, 'Medium:', v.emptyDir.medium ?? '');
      line(2, 'SizeLimit:', v.emptyDir.sizeLimit ?? '<unset>');
    } else if (v.configMap) {
      line(2, 'Type:', 'ConfigMap (a volume populated by a ConfigMap)');
      line(2, 'Name:', v.configMap.name);
      line(2, 'Optional:', 'false');
    } else if (v.secret) {
      line(2, 'Type:', 'Secret (a volume populated by a Secret)');
      line(2, 'SecretName:', v.secret.secretName);
      line(2, 'Optional:', 'false');
    } else if (v.persistentVolumeClaim) {
      line(2, 'Type:', 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)');
      line(2, 'ClaimName:', v.persistentVolumeClaim.claimName);
      line(2, 'ReadOnly:', String(!!v.persistentVolumeClaim.readOnly));
    } else if (v.hostPath) {
      line(2, 'Type:', 'HostPath (bare host directory volume)');
      line(2, 'Path:', v.hostPath.path);
      line(2, 'HostPathType:', v.hostPath.type ?? '');
    }
  }
}
