import type { GrafanaTheme2 } from '@grafana/data';

/** The colours and font the flame graph draws with, taken from Grafana's theme (light or dark). */
export interface ViewTheme {
  readonly mode: 'light' | 'dark';
  readonly background: string;
  readonly text: string;
  readonly secondaryText: string;
  readonly border: string;
  /** Bars a search does not match. */
  readonly dimmed: string;
  readonly dimmedText: string;
  readonly tooltipBackground: string;
  readonly tooltipText: string;
  readonly error: string;
  readonly fontFamily: string;
}

/** Reads the tokens once per theme object (Grafana swaps the object on a light/dark switch). */
export function viewTheme(theme: GrafanaTheme2): ViewTheme {
  const dark = theme.isDark;
  return {
    mode: dark ? 'dark' : 'light',
    background: theme.colors.background.primary,
    text: theme.colors.text.primary,
    secondaryText: theme.colors.text.secondary,
    border: theme.colors.border.weak,
    dimmed: dark ? '#2c3235' : '#e4e7eb',
    dimmedText: theme.colors.text.disabled,
    tooltipBackground: theme.components.tooltip.background,
    tooltipText: theme.components.tooltip.text,
    error: theme.colors.error.text,
    fontFamily: theme.typography.fontFamily,
  };
}
