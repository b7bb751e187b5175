/**
 * Manifests from the Kubernetes documentation's examples that `kubectl apply -f URL` can fetch
 * as if downloaded (k8s.io/examples/... redirects to kubernetes.io/examples/..., which serves
 * kubernetes/website's content/en/examples/). Only the ones a lesson follows are here.
 */

/** application/php-apache.yaml: the HorizontalPodAutoscaler walkthrough's workload. */
export const PHP_APACHE_YAML = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: php-apache
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: php-apache
  template:
    metadata:
      labels:
        app.kubernetes.io/name: php-apache
    spec:
      containers:
      - name: php-apache
        image: registry.k8s.io/hpa-example
        ports:
        - containerPort: 80
        resources:
          limits:
            cpu: 500m
          requests:
            cpu: 200m
---
apiVersion: v1
kind: Service
metadata:
  name: php-apache
  labels:
    app.kubernetes.io/name: php-apache
spec:
  ports:
  - port: 80
  selector:
    app.kubernetes.io/name: php-apache
`;

/** application/hpa/php-apache.yaml: the walkthrough's autoscaler as a manifest (autoscaling/v2). */
export const PHP_APACHE_HPA_YAML = `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: php-apache
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: php-apache
  minReplicas: 1
  maxReplicas: 10
  metrics:
  - type: Resource
    resource:
      name: cpu
      target:
        type: Utilization
        averageUtilization: 50
`;

const EXAMPLES: Record<string, string> = {
  'application/php-apache.yaml': PHP_APACHE_YAML,
  'application/hpa/php-apache.yaml': PHP_APACHE_HPA_YAML,
};

/** The example behind https://k8s.io/examples/PATH (or kubernetes.io), if it is one we have. */
export function exampleManifest(url: string): string | undefined {
  const m = /^https?:\/\/(?:k8s\.io|(?:www\.)?kubernetes\.io)\/examples\/(.+)$/.exec(url);
  return m ? EXAMPLES[m[1]] : undefined;
}
