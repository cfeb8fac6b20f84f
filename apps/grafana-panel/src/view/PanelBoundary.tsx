import { Component, type ReactNode } from 'react';
import { PanelMessage } from './PanelMessage.tsx';
import type { ViewTheme } from './view-theme.ts';

export interface PanelBoundaryProps {
  readonly theme: ViewTheme;
  readonly width: number;
  readonly height: number;
  /** Data the children draw: when it changes, a panel that failed tries again. */
  readonly data: unknown;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
  readonly data: unknown;
}

/**
 * The last line of defence: data no check foresaw (a frame that is not a frame, a value of a type nothing
 * expected) must end in a sentence in the panel, not in Grafana's "panel plugin error" or a blank box.
 * Errors the frame checks know about never get here; they are messages of their own (FlamePanel).
 */
export class PanelBoundary extends Component<PanelBoundaryProps, State> {
  override state: State = { error: null, data: this.props.data };

  static getDerivedStateFromError(error: unknown): Partial<State> {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  static getDerivedStateFromProps(props: PanelBoundaryProps, state: State): Partial<State> | null {
    return props.data === state.data ? null : { data: props.data, error: null };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const { theme, width, height } = this.props;
    return <PanelMessage title="This data cannot be drawn as a flame graph" detail={error.message} tone="error" theme={theme} width={width} height={height} />;
  }
}
