import type { GrafanaTheme2 } from '@grafana/data';

/**
 * The colours and font of the panel's own DOM parts (diff legend, messages), taken
 * from Grafana's theme; the flame graph itself follows the theme's mode (`light` / `dark`).
 */
export interface ViewTheme {
  readonly mode: 'light' | 'dark';
  readonly background: string;
  readonly text: string;
  readonly secondaryText: string;
  readonly border: string;
  readonly error: string;
  readonly fontFamily: string;
}

/** Reads the tokens once per theme object (Grafana swaps the object on a light/dark switch). */
export function viewTheme(theme: GrafanaTheme2): ViewTheme {
  return {
    mode: theme.isDark ? 'dark' : 'light',
    background: theme.colors.background.primary,
    text: theme.colors.text.primary,
    secondaryText: theme.colors.text.secondary,
    border: theme.colors.border.weak,
    error: theme.colors.error.text,
    fontFamily: theme.typography.fontFamily,
  };
}
