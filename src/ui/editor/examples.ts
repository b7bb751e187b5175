/** The gallery of example manifests in the editor. */
export interface Example {
  id: string;
  title: string;
  yaml: string;
}

export const EXAMPLES: Example[] = [
  {
    id: 'deployment',
    title: 'Deployment (3 × nginx)',
    yaml: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels:
    app: web
spec:
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports:
            - containerPort: 80
`,
  },
  {
    id: 'init-container',
    title: 'Pod with an init container',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: with-init
  labels:
    app: with-init
spec:
  initContainers:
    - name: wait-for-dns
      image: busybox:1.36
      command: ['sh', '-c', 'until nslookup kubernetes.default.svc.cluster.local; do sleep 1; done']
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 80
`,
  },
  {
    id: 'service',
    title: 'Service (ClusterIP → app=web)',
    yaml: `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  type: ClusterIP
  selector:
    app: web
  ports:
    - name: http
      port: 80
      targetPort: 80
      protocol: TCP
`,
  },
  {
    id: 'busybox',
    title: 'busybox client pod',
    yaml: `apiVersion: v1
kind: Pod
metadata:
  name: toolbox
spec:
  containers:
    - name: busybox
      image: busybox:1.36
      command: ['sleep', '3600']
`,
  },
  {
    id: 'quota',
    title: 'ResourceQuota',
    yaml: `apiVersion: v1
kind: ResourceQuota
metadata:
  name: compute
  namespace: default
spec:
  hard:
    pods: "10"
    requests.cpu: "2"
    requests.memory: 2Gi
    limits.cpu: "4"
    limits.memory: 4Gi
`,
  },
];
