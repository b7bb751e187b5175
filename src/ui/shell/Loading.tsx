/** Shown until the worker answers `load`, or instead of the app when it never will. */
export function Loading({ failed }: { failed?: string }) {
  return (
    <div className="loading" role={failed ? 'alert' : 'status'} aria-live="polite" data-testid={failed ? 'fatal-error' : 'loading'}>
      <div className="loading-card">
        <div className="brand-mark" aria-hidden="true" />
        <h1>Kube Network Playground</h1>
        {failed ? (
          <>
            <p className="loading-error">The simulation could not start: {failed}</p>
            <button type="button" className="btn primary" onClick={() => location.reload()}>
              Reload
            </button>
          </>
        ) : (
          <>
            <div className="spinner" aria-hidden="true" />
            <p>Booting the cluster: control plane, kubelets, flannel…</p>
          </>
        )}
      </div>
    </div>
  );
}
