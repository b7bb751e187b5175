/** A short-lived status line ("Link copied"), announced politely to screen readers. */
import { useEffect } from 'react';
import { useUi } from '../store';

export function Toast() {
  const toast = useUi((s) => s.toast);
  useEffect(() => {
    if (!toast) return;
    const t = setTimeout(() => useUi.setState({ toast: undefined }), 2600);
    return () => clearTimeout(t);
  }, [toast]);
  return (
    <div className="toast-region" aria-live="polite" data-testid="toast">
      {toast && <div className="toast">{toast}</div>}
    </div>
  );
}
