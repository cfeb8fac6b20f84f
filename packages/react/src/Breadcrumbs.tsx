import { displayName } from '@flamelens/core';
import type { FramePath } from './use-focus-history.ts';
import type { ChromeColours } from './styles.ts';

/** Breadcrumbs longer than this show their start and end with "…" between. */
const MAX_CRUMBS = 7;

interface BreadcrumbsProps {
  readonly path: FramePath;
  readonly colours: ChromeColours;
  /** Focus the ancestor at `depth` (0 = the root). */
  readonly onSelect: (depth: number) => void;
}

/** The focused frame's ancestors as buttons: all › main › … › parse. */
export function Breadcrumbs({ path, colours: c, onSelect }: BreadcrumbsProps) {
  const crumbs: (number | null)[] = [];
  const count = path.length + 1;
  if (count <= MAX_CRUMBS) for (let d = 0; d < count; d++) crumbs.push(d);
  else crumbs.push(0, 1, null, count - 3, count - 2, count - 1);
  return (
    <nav aria-label="Focused frame and its ancestors" data-testid="flame-breadcrumbs" style={{ display: 'flex', flexWrap: 'wrap', gap: 2, padding: '2px 0', minHeight: 20 }}>
      {crumbs.map((depth, i) => (
        <span key={depth ?? `gap${i}`} style={{ display: 'inline-flex', alignItems: 'center', gap: 2, maxWidth: '28em' }}>
          {i > 0 && <span style={{ color: c.muted }}>›</span>}
          {depth === null ? (
            <span style={{ color: c.muted }} title={`${count - 5} more`}>
              …
            </span>
          ) : (
            <button
              type="button"
              onClick={() => onSelect(depth)}
              aria-current={depth === count - 1 ? 'true' : undefined}
              title={depth === 0 ? 'all' : displayName(path[depth - 1]!)}
              style={{
                font: 'inherit',
                border: 0,
                background: 'transparent',
                color: depth === count - 1 ? c.text : c.accent,
                fontWeight: depth === count - 1 ? 600 : 400,
                cursor: 'pointer',
                padding: '0 2px',
                overflow: 'hidden',
                textOverflow: 'ellipsis',
                whiteSpace: 'nowrap',
                maxWidth: '100%',
              }}
            >
              {depth === 0 ? 'all' : displayName(path[depth - 1]!)}
            </button>
          )}
        </span>
      ))}
    </nav>
  );
}
