export interface BarDatum {
  label: string;
  value: number;
  /** How the value reads, e.g. "12 hours"; defaults to the number. */
  valueText?: string;
}

export interface BarChartProps {
  /** Says what the chart shows; it is the figure's caption. */
  title: string;
  data: readonly BarDatum[];
  /** The value of a full-width bar; defaults to the largest value. */
  max?: number;
}

/**
 * A horizontal bar chart. Labels and values are real text (a description
 * list), so the figures are read out and survive zoom at any width; the SVG
 * bars are only the picture of them and are hidden from assistive tech.
 */
export function BarChart({ title, data, max }: BarChartProps) {
  const scale = max ?? Math.max(0, ...data.map((datum) => datum.value));
  return (
    <figure className="bar-chart">
      <figcaption className="bar-chart__title">{title}</figcaption>
      <dl className="bar-chart__rows">
        {data.map((datum) => {
          const percent = scale > 0 ? Math.min(100, Math.max(0, (datum.value / scale) * 100)) : 0;
          return (
            <div className="bar-chart__row" key={datum.label}>
              <dt className="bar-chart__label">{datum.label}</dt>
              <dd className="bar-chart__value">
                {/* width="100%" keeps the bar fluid while the text stays HTML at its normal size. */}
                <svg className="bar-chart__bar" aria-hidden="true" focusable="false" width="100%" height="14">
                  <rect className="bar-chart__track" x="0" y="0" width="100%" height="14" rx="3" />
                  <rect className="bar-chart__fill" x="0" y="0" width={`${percent}%`} height="14" rx="3" />
                </svg>
                <span>{datum.valueText ?? datum.value}</span>
              </dd>
            </div>
          );
        })}
      </dl>
    </figure>
  );
}
