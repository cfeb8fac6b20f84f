import { useEffect, useRef, useState } from 'react';

/** A dialog to paste folded stacks ("a;b;c 12" per line) and open them. */
export function PasteDialog({ open, onClose, onText }: { open: boolean; onClose: () => void; onText: (text: string) => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [text, setText] = useState('');
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={dialog} className="paste-dialog" onClose={onClose} data-testid="paste-dialog" aria-labelledby="paste-title">
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          if (text.trim()) onText(text);
          setText('');
          onClose();
        }}
      >
        <h2 id="paste-title">Paste a profile</h2>
        <p className="hint">Folded stacks, one per line: <code>main;parse;read 12</code>. Ctrl+V anywhere on the page works too.</p>
        <textarea value={text} onChange={(e) => setText(e.target.value)} rows={12} spellCheck={false} aria-label="Profile text" data-testid="paste-text" autoFocus />
        <div className="dialog-buttons">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!text.trim()} data-testid="paste-open">
            Open
          </button>
        </div>
      </form>
    </dialog>
  );
}
