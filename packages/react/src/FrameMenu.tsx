import { useRef } from 'react';
import { FRAME_ACTIONS, type FrameAction, type FrameActionInfo } from './frame-actions.ts';
import type { ChromeColours } from './styles.ts';
import { useMenu } from './use-menu.ts';

interface FrameMenuProps {
  readonly info: FrameActionInfo;
  /** Where the menu opens, CSS px inside the graph's box. */
  readonly x: number;
  readonly y: number;
  readonly colours: ChromeColours;
  readonly onAction: (action: FrameAction, info: FrameActionInfo) => void;
  readonly onClose: () => void;
}

/**
 * The context menu of a frame (right-click, or the Menu key / Shift+F10 on the selected frame): a WAI-ARIA
 * menu — focus moves into it, arrows move, Enter chooses, Escape or a click outside closes.
 */
export function FrameMenu(p: FrameMenuProps) {
  const menu = useRef<HTMLDivElement>(null);
  const items = FRAME_ACTIONS.filter((a) => a.action !== 'collapse-module' || p.info.module !== null);
  const onKeyDown = useMenu(menu, () => p.onClose(), { openedFor: p.info.frame });
  const c = p.colours;
  return (
    <div
      ref={menu}
      role="menu"
      aria-label={`Actions for ${p.info.name}`}
      data-testid="frame-menu"
      onKeyDown={onKeyDown}
      style={{ position: 'absolute', left: p.x, top: p.y, zIndex: 20, minWidth: 220, maxWidth: 420, background: c.tooltipBackground, color: c.text, border: `1px solid ${c.line}`, borderRadius: 6, boxShadow: '0 4px 14px rgba(0,0,0,0.2)', padding: 4 }}
    >
      <div style={{ padding: '2px 8px 4px', color: c.muted, fontSize: 12, wordBreak: 'break-all' }}>{p.info.name}</div>
      {items.map(({ action, label }) => (
        <button
          key={action}
          type="button"
          role="menuitem"
          data-action={action}
          onClick={() => {
            p.onClose();
            p.onAction(action, p.info);
          }}
          style={{ display: 'block', width: '100%', textAlign: 'left', font: 'inherit', color: 'inherit', background: 'none', border: 0, borderRadius: 4, padding: '3px 8px', cursor: 'pointer' }}
          onFocus={(e) => (e.currentTarget.style.background = c.line)}
          onBlur={(e) => (e.currentTarget.style.background = 'none')}
          onPointerEnter={(e) => e.currentTarget.focus()}
        >
          {label(p.info)}
        </button>
      ))}
    </div>
  );
}
