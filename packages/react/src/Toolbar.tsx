import type { ViewKind } from '@flamelens/renderer';
import type { KeyboardEvent, ReactNode, RefObject } from 'react';
import { buttonStyle, inputStyle, type ChromeColours } from './styles.ts';

interface ToolbarProps {
  readonly colours: ChromeColours;
  readonly view: ViewKind;
  readonly onView: (view: ViewKind) => void;
  readonly canBack: boolean;
  readonly canForward: boolean;
  readonly onBack: () => void;
  readonly onForward: () => void;
  readonly onReset: () => void;
  readonly search: string;
  readonly onSearch: (text: string) => void;
  readonly regex: boolean;
  readonly onRegex: (on: boolean) => void;
  readonly caseSensitive: boolean;
  readonly onCaseSensitive: (on: boolean) => void;
  /** Enter / Shift+Enter in the search box. */
  readonly onSearchStep: (direction: 1 | -1) => void;
  /** "matched: 149 ms · 12.4% of 1.2 s", or an error. */
  readonly status: { readonly text: string; readonly error: boolean };
  readonly searchInput: RefObject<HTMLInputElement | null>;
  /** Escape in the search box gives the keyboard back to the graph. */
  readonly onLeaveSearch: () => void;
  /** More controls at the end (the diff options in diff mode). */
  readonly children?: ReactNode;
}

/** View switch, focus history, search box with regex and case toggles, and the matched share. */
export function Toolbar(p: ToolbarProps) {
  const c = p.colours;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      p.onSearchStep(e.shiftKey ? -1 : 1);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      p.onLeaveSearch();
    }
  };
  return (
    <div role="toolbar" aria-label="Flame graph" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 6, padding: '4px 0' }}>
      <span role="group" aria-label="View" style={{ display: 'inline-flex', gap: 0 }}>
        {(['icicle', 'flame'] as const).map((v) => (
          <button key={v} type="button" aria-pressed={p.view === v} onClick={() => p.onView(v)} style={buttonStyle(c, p.view === v)} data-testid={`flame-view-${v}`}>
            {v === 'icicle' ? 'Icicle' : 'Flame'}
          </button>
        ))}
      </span>
      <button type="button" onClick={p.onBack} disabled={!p.canBack} style={buttonStyle(c)} title="Back ([)" aria-label="Back" data-testid="flame-back">
        ←
      </button>
      <button type="button" onClick={p.onForward} disabled={!p.canForward} style={buttonStyle(c)} title="Forward (])" aria-label="Forward" data-testid="flame-forward">
        →
      </button>
      <button type="button" onClick={p.onReset} style={buttonStyle(c)} title="Reset zoom (Escape, double-click)" data-testid="flame-reset">
        Reset
      </button>
      <input
        ref={p.searchInput}
        type="search"
        value={p.search}
        placeholder={p.regex ? 'Search (regular expression)' : 'Search functions'}
        aria-label="Search frames"
        aria-invalid={p.status.error}
        spellCheck={false}
        onChange={(e) => p.onSearch(e.target.value)}
        onKeyDown={onKeyDown}
        style={inputStyle(c, p.status.error)}
        data-testid="flame-search"
      />
      <button type="button" aria-pressed={p.regex} onClick={() => p.onRegex(!p.regex)} style={buttonStyle(c, p.regex)} title="Regular expression" aria-label="Regular expression" data-testid="flame-regex">
        .*
      </button>
      <button type="button" aria-pressed={p.caseSensitive} onClick={() => p.onCaseSensitive(!p.caseSensitive)} style={buttonStyle(c, p.caseSensitive)} title="Match case" aria-label="Match case">
        Aa
      </button>
      <span data-testid="flame-search-status" role={p.status.error ? 'alert' : undefined} style={{ color: p.status.error ? c.error : c.muted }}>
        {p.status.text}
      </span>
      {p.children}
    </div>
  );
}
