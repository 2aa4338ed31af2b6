/** One line of the results table. */
export interface Figure {
  /** Which issue item it belongs to ("1 launch", "2 mentor"...). */
  section: string;
  name: string;
  /** The median, formatted, with its unit. */
  value: string;
  /** The target it is held to, e.g. "≤ 1.0×"; empty when the figure is informative. */
  target?: string;
  /** true met, false missed, undefined no target. */
  isMet?: boolean;
  /** Spread over runs, run count, anything that helps read the figure. */
  note?: string;
}

/** Formats figures as a fixed-width text table. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ["section", "figure", "median", "target", "met", "runs / spread / notes"];
  const rows = figures.map((f) => [
    f.section,
    f.name,
    f.value,
    f.target ?? "",
    f.isMet === undefined ? "" : f.isMet ? "yes" : "NO",
    f.note ?? "",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]))
      .join(" | ")
      .trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("-|-"), ...rows.map(line)].join("\n");
}

/** Formats milliseconds with a sensible precision. */
export const ms = (v: number) => (Number.isNaN(v) ? "n/a" : v < 10 ? `${v.toFixed(2)} ms` : `${v.toFixed(1)} ms`);
export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
