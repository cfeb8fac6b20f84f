import type { CSSProperties } from 'react';
import type { ThemeName } from '@flamelens/renderer';

/**
 * Colours of the DOM parts (toolbar, breadcrumbs, tooltip). Inline styles, no CSS file: the component
 * works in any host (the web app, Storybook, a Grafana panel bundle) without a stylesheet to load.
 */
export interface ChromeColours {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly line: string;
  readonly accent: string;
  readonly error: string;
  readonly tooltipBackground: string;
}

export const CHROME: Readonly<Record<ThemeName, ChromeColours>> = {
  light: { background: '#ffffff', text: '#16181d', muted: '#5d6470', line: '#d9dde3', accent: '#1d4ed8', error: '#b42318', tooltipBackground: '#ffffff' },
  dark: { background: '#16181d', text: '#e6e8ec', muted: '#9aa2ae', line: '#2e333c', accent: '#93c5fd', error: '#ffb4b4', tooltipBackground: '#22262e' },
};

export const rootStyle = (c: ChromeColours): CSSProperties => ({
  position: 'relative',
  color: c.text,
  background: c.background,
  font: '13px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif',
});

export const toolbarStyle = (c: ChromeColours): CSSProperties => ({
  display: 'flex',
  flexWrap: 'wrap',
  alignItems: 'center',
  gap: 6,
  padding: '4px 0',
  borderBottom: `1px solid ${c.line}`,
});

export const buttonStyle = (c: ChromeColours, pressed = false): CSSProperties => ({
  font: 'inherit',
  color: pressed ? c.background : c.text,
  background: pressed ? c.accent : 'transparent',
  border: `1px solid ${c.line}`,
  borderRadius: 4,
  padding: '1px 8px',
  cursor: 'pointer',
});

export const inputStyle = (c: ChromeColours, invalid: boolean): CSSProperties => ({
  font: 'inherit',
  color: c.text,
  background: c.background,
  border: `1px solid ${invalid ? c.error : c.line}`,
  borderRadius: 4,
  padding: '1px 6px',
  width: '16em',
});

export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};
