import { useCallback, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';

/** Smallest share either pane can be dragged down to. */
const MIN_SHARE = 0.15;
/** Arrow-key step of the divider. */
const KEY_STEP = 0.05;

/**
 * Two panes, one above the other, with a divider that drags (or moves with arrow keys when focused).
 * `show` picks both panes or either one alone.
 */
export function SplitPane({
  top,
  bottom,
  show,
}: {
  top: ReactNode;
  bottom: ReactNode;
  show: 'both' | 'graph' | 'table';
}) {
  const [share, setShare] = useState(0.62);
  const container = useRef<HTMLDivElement>(null);

  const onPointerDown = useCallback((event: PointerEvent<HTMLDivElement>) => {
    const box = container.current?.getBoundingClientRect();
    if (!box) return;
    const divider = event.currentTarget;
    divider.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => setShare(clamp((e.clientY - box.top) / box.height));
    const up = () => {
      divider.removeEventListener('pointermove', move);
      divider.removeEventListener('pointerup', up);
    };
    divider.addEventListener('pointermove', move);
    divider.addEventListener('pointerup', up);
  }, []);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'ArrowUp') setShare((s) => clamp(s - KEY_STEP));
    else if (event.key === 'ArrowDown') setShare((s) => clamp(s + KEY_STEP));
    else return;
    event.preventDefault();
  };

  if (show === 'graph') return <div className="pane pane-alone">{top}</div>;
  if (show === 'table') return <div className="pane pane-alone">{bottom}</div>;
  return (
    <div className="split" ref={container} style={{ gridTemplateRows: `minmax(0, ${share}fr) 6px minmax(0, ${1 - share}fr)` }}>
      <div className="pane">{top}</div>
      <div
        className="divider"
        role="separator"
        aria-orientation="horizontal"
        aria-label="Resize the flame graph and the table"
        aria-valuemin={Math.round(MIN_SHARE * 100)}
        aria-valuemax={Math.round((1 - MIN_SHARE) * 100)}
        aria-valuenow={Math.round(share * 100)}
        tabIndex={0}
        onPointerDown={onPointerDown}
        onKeyDown={onKeyDown}
      />
      <div className="pane">{bottom}</div>
    </div>
  );
}

function clamp(share: number): number {
  return Math.min(1 - MIN_SHARE, Math.max(MIN_SHARE, share));
}
