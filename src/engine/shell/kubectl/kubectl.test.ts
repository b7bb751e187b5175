import { beforeAll, describe, expect, it } from 'vitest';
import { Simulation } from '../../sim/simulation';

let sim: Simulation;
beforeAll(() => {
  sim = Simulation.create();
});

const run = (cmd: string, target = 'control-plane'): string => sim.exec(target, cmd).output;

describe('kubectl get for every kind', () => {
  it('services: NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE', () => {
    expect(run('kubectl expose deployment web --port=80 --type=NodePort')).toBe('service/web exposed');
    const lines = run('kubectl get svc').split('\n');
    expect(lines[0]).toMatch(/^NAME {9}TYPE {8}CLUSTER-IP {6,}EXTERNAL-IP {3}PORT\(S\) {8}AGE$/);
    expect(lines[1]).toMatch(/^kubernetes {3}ClusterIP {3}10\.96\.0\.1 {7,}<none> {8}443\/TCP {8}\d+s$/);
    expect(lines[2]).toMatch(/^web {10}NodePort {4}10\.\d+\.\d+\.\d+ +<none> {8}80:3\d{4}\/TCP +\d+s$/);
    expect(run('kubectl get svc web -o wide').split('\n')[0]).toMatch(/AGE +SELECTOR$/);
  });

  it('endpoints, endpointslices, configmaps, secrets, namespaces, leases, priorityclasses', () => {
    expect(run('kubectl get endpointslices').split('\n')[0]).toBe('NAME         ADDRESSTYPE   PORTS   ENDPOINTS                          AGE');
    expect(run('kubectl get cm')).toMatch(/^NAME +DATA +AGE\nkube-root-ca\.crt +1 +\d+s$/);
    expect(run('kubectl create secret generic db --from-literal=user=admin --from-literal=pw=s3cret')).toBe('secret/db created');
    expect(run('kubectl get secrets')).toMatch(/^NAME +TYPE +DATA +AGE\ndb +Opaque +2 +\d+s$/);
    expect(run('kubectl get secret db -o jsonpath={.data.user}')).toBe('YWRtaW4=');
    expect(run('kubectl get ns --no-headers').split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['default', 'kube-flannel', 'kube-node-lease', 'kube-public', 'kube-system']);
    expect(run('kubectl get leases -n kube-node-lease')).toMatch(/^NAME +HOLDER +AGE\ncontrol-plane +control-plane +\d+s\nnode-1 +node-1 +\d+s\nnode-2 +node-2 +\d+s$/);
    expect(run('kubectl get priorityclasses').split('\n')[1]).toMatch(/^system-cluster-critical +2000000000 +false +\d+s +PreemptLowerPriority$/);
    expect(run('kubectl get widgets')).toBe('error: the server doesn\'t have a resource type "widgets"');
  });

  it('resourcequota and limitrange columns', () => {
    expect(run('kubectl create quota q --hard=pods=10,limits.cpu=4')).toBe('resourcequota/q created');
    expect(run('kubectl get quota')).toMatch(/^NAME +AGE +REQUEST +LIMIT\nq +\d+s +pods: 4\/10 +limits\.cpu: 0\/4$/);
    expect(run('kubectl delete quota q')).toBe('resourcequota "q" deleted from default namespace');
  });

  it('events sorted by time, -A adds NAMESPACE, multiple types and get all', () => {
    const ev = run('kubectl get events').split('\n');
    expect(ev[0]).toMatch(/^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
    expect(run('kubectl get deploy,rs').split('\n\n').map((s) => s.split('\n')[1].split(/\s+/)[0])).toEqual(['deployment.apps/web', expect.stringMatching(/^replicaset\.apps\/web-/)]);
    expect(run('kubectl get all').split('\n\n').map((s) => s.split('\n')[0].split(/\s+/).slice(0, 2).join(' '))).toEqual(['NAME READY', 'NAME TYPE', 'NAME READY', 'NAME DESIRED']);
    expect(run('kubectl get pods -A --no-headers | grep -c ^default')).toBe('4');
    expect(run('kubectl -n kube-public get pods')).toBe('No resources found in kube-public namespace.');
  });

  it('-l with set-based selectors and -o name/jsonpath/custom-columns', () => {
    expect(run('kubectl get pods -l "app in (web,client)" -o name | wc -l')).toBe('4');
    expect(run('kubectl get pods -l app!=web -o name')).toBe('pod/client');
    expect(run('kubectl get pod client -o jsonpath={.spec.nodeName}')).toMatch(/^node-\d$/);
    expect(run("kubectl get pods -l app=client -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image")).toBe('NAME     IMAGE\nclient   busybox:1.36');
    expect(run('kubectl get pod client -o yaml').split('\n').slice(0, 4)).toEqual(['apiVersion: v1', 'kind: Pod', 'metadata:', '  annotations:']);
  });
});

describe('kubectl verbs', () => {
  it('describe pod ends with its Events', () => {
    const out = run('kubectl describe pod client').split('\n');
    expect(out[0]).toBe('Name:             client');
    expect(out).toContain('Namespace:        default');
    expect(out).toContain('Service Account:  default');
    expect(out.find((l) => l.startsWith('Node:'))).toMatch(/^Node: {13}node-\d\/192\.168\.56\.1\d$/);
    expect(out).toContain('Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s');
    const ev = out.indexOf('Events:');
    expect(out[ev + 1]).toMatch(/^ {2}Type {4}Reason {5}Age +From {15}Message$/);
    expect(out[ev + 3]).toMatch(/^ {2}Normal {2}Scheduled {2}\d+s +default-scheduler {2}Successfully assigned default\/client to node-\d$/);
  });

  it('describe node shows conditions, capacity and non-terminated pods', () => {
    const out = run('kubectl describe node node-1');
    expect(out).toMatch(/^Name: {15}node-1\nRoles: {14}<none>\n/);
    expect(out).toMatch(/\n {2}Ready {12}True {4}Mon, 05 Jan 2026 09:00:\d\d \+0000 {3}/);
    expect(out).toMatch(/Non-terminated Pods: +\(\d in total\)/);
    expect(out).toContain('Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)');
    expect(run('kubectl describe deploy web')).toMatch(/Replicas: {15}3 desired \| 3 updated \| 3 total \| 3 available \| 0 unavailable/);
    expect(run('kubectl describe svc web')).toMatch(/\nEndpoints: +10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80,10\.244\.\d\.\d+:80\n/);
  });

  it('create, scale, label, set image and delete answer as kubectl does', () => {
    expect(run('kubectl create deployment api --image=nginx:1.27 --replicas=2')).toBe('deployment.apps/api created');
    expect(run('kubectl create deployment api --image=nginx')).toBe('Error from server (AlreadyExists): deployments.apps "api" already exists');
    expect(run('kubectl scale deployment/api --replicas=3')).toBe('deployment.apps/api scaled');
    expect(run('kubectl get deploy api --no-headers')).toMatch(/^api +3\/3 +3 +3 +\d+s$/);
    expect(run('kubectl scale deploy api')).toBe('error: required flag(s) "replicas" not set');
    expect(run('kubectl label deploy api tier=backend')).toBe('deployment.apps/api labeled');
    expect(run('kubectl label deploy api tier-')).toBe('deployment.apps/api unlabeled');
    expect(run('kubectl set image deployment/api nginx=nginx:1.28')).toBe('deployment.apps/api image updated');
    expect(run('kubectl set image deployment/api php=php:8')).toBe('error: unable to find container named "php"');
    expect(run('kubectl rollout status deployment/api')).toBe('deployment "api" successfully rolled out');
    expect(run('kubectl delete deploy api')).toBe('deployment.apps "api" deleted from default namespace');
    expect(run('kubectl delete pod nope')).toBe('Error from server (NotFound): pods "nope" not found');
    expect(run('kubectl create namespace dev')).toBe('namespace/dev created');
    expect(run('kubectl delete ns dev')).toBe('namespace "dev" deleted');
  });

  it('patch: strategic merge by container name, JSON merge, and JSON patch', () => {
    expect(run(`kubectl patch deployment web -p '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.28"}]}}}}'`)).toBe('deployment.apps/web patched');
    expect(run('kubectl get deploy web -o jsonpath={.spec.template.spec.containers[0].image}')).toBe('nginx:1.28');
    expect(run(`kubectl patch deployment web --type=json -p '[{"op":"replace","path":"/spec/replicas","value":2}]'`)).toBe('deployment.apps/web patched');
    expect(run(`kubectl patch deployment web --type=merge -p '{"spec":{"replicas":2}}'`)).toBe('deployment.apps/web patched (no change)');
    expect(run(`kubectl patch deployment web --type=json -p '[{"op":"remove","path":"/spec/nope"}]'`)).toMatch(/^The request is invalid: jsonpatch remove operation does not apply/);
    expect(run('kubectl get deploy web --no-headers')).toMatch(/^web +2\/2 +2 +2 +\d+s$/);
  });

  it('cordon, uncordon and drain', () => {
    expect(run('kubectl cordon node-2')).toBe('node/node-2 cordoned');
    expect(run('kubectl cordon node-2')).toBe('node/node-2 already cordoned');
    expect(run('kubectl get nodes node-2 --no-headers')).toMatch(/^node-2 +Ready,SchedulingDisabled +<none>/);
    expect(run('kubectl uncordon node-2')).toBe('node/node-2 uncordoned');
    const clientNode = run('kubectl get pod client -o jsonpath={.spec.nodeName}');
    const blocked = run(`kubectl drain ${clientNode}`);
    expect(blocked).toMatch(new RegExp(`error: unable to drain node "${clientNode}" due to error: cannot delete DaemonSet-managed Pods \\(use --ignore-daemonsets to ignore\\): kube-flannel/kube-flannel-ds-\\w+, kube-system/kube-proxy-\\w+, cannot delete Pods that declare no controller \\(use --force to override\\): default/client, continuing command...`));
    const drained = run(`kubectl drain ${clientNode} --ignore-daemonsets --force`).split('\n');
    expect(drained[0]).toBe(`node/${clientNode} already cordoned`);
    expect(drained[1]).toMatch(/^Warning: ignoring DaemonSet-managed Pods: kube-flannel\/kube-flannel-ds-\w+, kube-system\/kube-proxy-\w+; deleting Pods that declare no controller: default\/client$/);
    expect(drained).toContain('evicting pod default/client');
    expect(drained).toContain('pod/client evicted');
    expect(drained[drained.length - 1]).toBe(`node/${clientNode} drained`);
    expect(run('kubectl get pods -o wide --no-headers').split('\n').every((l) => !l.includes(` ${clientNode} `))).toBe(true);
    run(`kubectl uncordon ${clientNode}`);
  });

  it('config: view, contexts and the namespace of the current context', () => {
    expect(run('cat /root/.kube/config').split('\n')[4]).toBe('    server: https://192.168.56.10:6443');
    expect(run('cat /etc/kubernetes/admin.conf')).toBe(run('cat /root/.kube/config'));
    expect(run('kubectl config current-context')).toBe('kubernetes-admin@kubernetes');
    expect(run('kubectl config view')).toContain('    certificate-authority-data: DATA+OMITTED\n    server: https://192.168.56.10:6443');
    expect(run('kubectl config set-context --current --namespace=kube-node-lease')).toBe('Context "kubernetes-admin@kubernetes" modified.');
    expect(run('kubectl config get-contexts')).toBe('CURRENT   NAME                          CLUSTER      AUTHINFO           NAMESPACE\n*         kubernetes-admin@kubernetes   kubernetes   kubernetes-admin   kube-node-lease');
    expect(run('kubectl get leases --no-headers | wc -l')).toBe('3');
    expect(run('kubectl config use-context nope')).toBe('error: no context exists with the name: "nope"');
    run('kubectl config set-context --current --namespace=default');
  });

  it('logs, exec, version, unknown verbs and flags', () => {
    const web = run('kubectl get pods -l app=web -o name').split('\n')[0].slice(4);
    const logs = run(`kubectl logs ${web}`).split('\n');
    expect(logs[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(run('kubectl run sleeper --image=busybox:1.36 -- sleep 3600')).toBe('pod/sleeper created');
    expect(run('kubectl logs sleeper')).toBe('');
    expect(run('kubectl exec sleeper -- hostname')).toBe('sleeper');
    expect(run('kubectl run hello --image=busybox:1.36 --restart=Never -- echo hello')).toBe('pod/hello created');
    expect(run('kubectl version')).toBe('Client Version: v1.34.2\nKustomize Version: v5.7.1\nServer Version: v1.34.2');
    expect(run('kubectl frobnicate')).toBe('error: unknown command "frobnicate" for "kubectl"\nRun \'kubectl --help\' for usage.');
    expect(run('kubectl get pods -z')).toBe("error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.");
  });
});
