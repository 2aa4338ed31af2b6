import type { TProgramme } from "./schema";

/** The academic year (1 September to 31 August) a "YYYY-MM-DD" day falls in, e.g. "2025/26". */
export function academicYearOf(day: string): string {
  const [year, month] = day.split("-").map(Number);
  const start = month >= 9 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * The caps for an academic year. Years after the last one the programme lists use the last
 * listed caps (the rules carry on until changed); years before the first use the first.
 */
export function capsFor(programme: TProgramme, academicYear: string): { initialCapHours: number; refresherCapHours: number } {
  const years = [...programme.funding.years].sort((a, b) => a.academicYear.localeCompare(b.academicYear));
  const exact = years.find((y) => y.academicYear === academicYear);
  const chosen = exact ?? (academicYear > years[years.length - 1].academicYear ? years[years.length - 1] : years[0]);
  return { initialCapHours: chosen.initialCapHours, refresherCapHours: chosen.refresherCapHours };
}

/** A school's rate band from the programme; unknown or unset bands fall back to "national", then the first. */
export function rateBandFor(programme: TProgramme, bandCode: string | null | undefined) {
  const bands = programme.funding.rateBands;
  return bands.find((b) => b.code === bandCode) ?? bands.find((b) => b.code === "national") ?? bands[0];
}

/** One mentor's year: hours logged, hours claimable under the caps, and the amount in pence. */
export function claimForYear(
  programme: TProgramme,
  academicYear: string,
  entries: ReadonlyArray<{ hours: number; kind: string }>,
  bandCode: string | null | undefined,
) {
  const caps = capsFor(programme, academicYear);
  const sum = (kind: string) => entries.filter((e) => e.kind === kind).reduce((total, e) => total + e.hours, 0);
  const initialHours = sum("initial");
  const refresherHours = sum("refresher");
  const claimableHours = Math.min(initialHours, caps.initialCapHours) + Math.min(refresherHours, caps.refresherCapHours);
  const rateBand = rateBandFor(programme, bandCode);
  return {
    academicYear,
    initialHours,
    refresherHours,
    ...caps,
    claimableHours,
    rateBand: { code: rateBand.code, label: rateBand.label, pencePerHour: rateBand.pencePerHour },
    // Quarter hours times whole pence can be fractional; a claim is paid in whole pence.
    amountPence: Math.round(claimableHours * rateBand.pencePerHour),
  };
}

/** Pence as "£1,234.56". */
export function formatPounds(pence: number): string {
  return `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
