import type { ViewTheme } from './view-theme.ts';

export interface PanelMessageProps {
  readonly title: string;
  readonly detail?: string;
  readonly tone: 'info' | 'error';
  readonly theme: ViewTheme;
  readonly width: number;
  readonly height: number;
}

/** A sentence in the middle of the panel: the panel is never blank, whatever the data. */
export function PanelMessage({ title, detail, tone, theme, width, height }: PanelMessageProps) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      data-testid="flamelens-message"
      style={{
        width,
        height,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        textAlign: 'center',
        padding: 16,
        boxSizing: 'border-box',
        font: `14px ${theme.fontFamily}`,
        color: tone === 'error' ? theme.error : theme.secondaryText,
      }}
    >
      <div style={{ fontWeight: 500 }}>{title}</div>
      {detail && <div style={{ marginTop: 6, color: theme.secondaryText, maxWidth: 560 }}>{detail}</div>}
    </div>
  );
}
