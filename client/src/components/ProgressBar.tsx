import { useId } from "react";

export interface ProgressBarProps {
  /** What is progressing, e.g. "Training hours this year". */
  label: string;
  value: number;
  min?: number;
  max?: number;
  /** How the value reads in words, e.g. "12 of 16 hours"; defaults to a percentage. */
  valueText?: string;
}

/** A labelled progress bar whose value is also written out, so it never relies on the bar's colour or length. */
export function ProgressBar({ label, value, min = 0, max = 100, valueText }: ProgressBarProps) {
  const labelId = useId();
  const span = max - min;
  const clamped = Math.min(max, Math.max(min, value));
  const percent = span > 0 ? Math.round(((clamped - min) / span) * 100) : 0;
  const text = valueText ?? `${percent}%`;
  return (
    <div className="progress">
      <div className="progress__head">
        <span id={labelId} className="progress__label">
          {label}
        </span>
        {/* Hidden from assistive tech because aria-valuetext already says it. */}
        <span className="progress__value" aria-hidden="true">
          {text}
        </span>
      </div>
      <div
        className="progress__track"
        role="progressbar"
        aria-labelledby={labelId}
        aria-valuemin={min}
        aria-valuemax={max}
        aria-valuenow={clamped}
        aria-valuetext={text}
      >
        <div className="progress__fill" style={{ width: `${percent}%` }} />
      </div>
    </div>
  );
}
