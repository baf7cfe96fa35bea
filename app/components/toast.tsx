import { useEffect, useState } from "react";

/** A polite live region for the flash message; it fades after a few seconds but stays in the DOM for screen readers. */
export function ToastMessage({ toast }: { toast: { text: string; kind: string; id: string } | null }) {
  const [visible, setVisible] = useState(Boolean(toast));
  useEffect(() => {
    setVisible(Boolean(toast));
    if (!toast) return;
    const timer = setTimeout(() => setVisible(false), 6000);
    return () => clearTimeout(timer);
  }, [toast]);
  return (
    <div className="toast-region" role="status" aria-live="polite">
      {toast && visible ? (
        <div className={`toast toast-${toast.kind}`} data-testid="toast">
          {toast.text}
        </div>
      ) : null}
    </div>
  );
}
