import type { ProfileErrorInfo } from '@flamelens/core';
import { adviceFor } from '../loading/messages.ts';

/** What went wrong, in a sentence, with advice when there is some; the profile on screen stays. */
export function ErrorBanner({ title, error, keptName, onDismiss }: { title: string; error: ProfileErrorInfo; keptName: string | null; onDismiss: () => void }) {
  const advice = adviceFor(error);
  return (
    <div className="error" role="alert" data-testid="error" data-kind={error.kind}>
      <div>
        <strong>{title}</strong> {error.message}
        {advice && <div className="advice">{advice}</div>}
        {keptName && <div className="advice">Still showing {keptName}.</div>}
      </div>
      <button type="button" className="dismiss" aria-label="Dismiss this message" onClick={onDismiss}>
        ×
      </button>
    </div>
  );
}
