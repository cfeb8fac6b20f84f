import { useEffect, useRef, useState, type ReactNode } from 'react';

/** A region of the drop overlay with its own meaning ("compare with the profile on screen"). */
export interface DropTarget {
  readonly id: string;
  readonly label: string;
  readonly detail?: string;
}

/**
 * Accepts files dropped anywhere on the page. While files are dragged over it, an overlay shows the
 * drop targets (for example "open" and "compare"); a drop outside every target uses the first one.
 */
export function DropZone({
  targets,
  onFiles,
  children,
}: {
  targets: readonly DropTarget[];
  onFiles: (files: File[], target: string) => void;
  children: ReactNode;
}) {
  const [dragging, setDragging] = useState(false);
  const [over, setOver] = useState<string | null>(null);
  const latest = useRef({ targets, onFiles });
  latest.current = { targets, onFiles };

  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => !!e.dataTransfer && [...e.dataTransfer.types].includes('Files');
    const targetOf = (e: DragEvent) => (e.target instanceof Element ? e.target.closest<HTMLElement>('[data-drop-target]')?.dataset.dropTarget : undefined);
    const enter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
    };
    const leave = () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const dragOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(targetOf(e) ?? null);
    };
    const drop = (e: DragEvent) => {
      if (!e.dataTransfer) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      setOver(null);
      const files = [...e.dataTransfer.files];
      const target = targetOf(e) ?? latest.current.targets[0]?.id ?? 'open';
      if (files.length) latest.current.onFiles(files, target);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragleave', leave);
    window.addEventListener('dragover', dragOver);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('dragover', dragOver);
      window.removeEventListener('drop', drop);
    };
  }, []);

  return (
    <>
      {children}
      <div className="drop-overlay" data-testid="drop-overlay" hidden={!dragging}>
        {targets.map((t) => (
          <div key={t.id} className={`drop-target${over === t.id ? ' over' : ''}`} data-drop-target={t.id} data-testid={`drop-${t.id}`}>
            <strong>{t.label}</strong>
            {t.detail && <span>{t.detail}</span>}
          </div>
        ))}
      </div>
    </>
  );
}
