import type { DiffMetric } from '@flamelens/core';
import { useEffect, useId, useState } from 'react';
import { saturationFromInput, saturationToInput, saturationUnit } from './diff-settings.ts';
import { buttonStyle, inputStyle, type ChromeColours } from './styles.ts';

interface SaturationControlProps {
  /** The option: a set value (in the metric's own unit: pp, ratio, tree unit) or `auto`. */
  readonly value: number | 'auto';
  /** The saturation point in force (the largest change when `auto`), shown in the box then. */
  readonly inForce: number;
  readonly metric: DiffMetric;
  /** The tree's unit (absolute delta). */
  readonly unit: string;
  readonly onChange: (value: number | 'auto') => void;
  readonly colours: ChromeColours;
}

/** Shortest readable text of a number for the input box (no float noise such as 2.4000000001). */
const inputText = (n: number) => String(Number(n.toPrecision(4)));

/**
 * Where the colour saturates: an "Auto" toggle (the largest change of any frame) and a number box in the
 * metric's unit. A typed value takes effect when it is a positive number; anything else is kept in the box
 * and marked invalid, never applied.
 */
export function SaturationControl({ value, inForce, metric, unit, onChange, colours: c }: SaturationControlProps) {
  const id = useId();
  const shown = saturationToInput(value === 'auto' ? inForce : value, metric);
  const [text, setText] = useState(inputText(shown));
  useEffect(() => setText(inputText(shown)), [shown]);
  const parsed = Number(text);
  const valid = text.trim() !== '' && Number.isFinite(parsed) && parsed > 0;
  const apply = () => {
    if (valid && (value === 'auto' || Math.abs(saturationToInput(value, metric) - parsed) > 1e-12)) onChange(saturationFromInput(parsed, metric));
  };
  return (
    <span role="group" aria-label="Colour saturation" style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }} data-testid="diff-saturation">
      <label htmlFor={id}>full colour at ±</label>
      <input
        id={id}
        type="number"
        min={0}
        step="any"
        value={text}
        aria-invalid={!valid}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        onKeyDown={(e) => {
          if (e.key === 'Enter') apply();
        }}
        style={{ ...inputStyle(c, !valid), width: '6em' }}
        data-testid="diff-saturation-input"
      />
      <span>{saturationUnit(metric, unit)}</span>
      <button
        type="button"
        aria-pressed={value === 'auto'}
        onClick={() => onChange(value === 'auto' ? shownOrOne(inForce) : 'auto')}
        style={buttonStyle(c, value === 'auto')}
        title="Auto: the largest change of any frame is full colour"
        data-testid="diff-saturation-auto"
      >
        auto
      </button>
    </span>
  );
}

/** Leaving auto keeps the picture as it is: the set value starts at the automatic one. */
function shownOrOne(inForce: number): number {
  return inForce > 0 && Number.isFinite(inForce) ? inForce : 1;
}
