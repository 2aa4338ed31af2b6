import type { TProgramme } from "./schema";

/** The academic year (1 September to 31 August) a "YYYY-MM-DD" day falls in, e.g. "2025/26". */
export function academicYearOf(day: string): string {
  const [year, month] = day.split("-").map(Number);
  const start = month >= 9 ? year : year - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

/**
 * The caps for an academic year, or null when the programme does not cover that year: a year's
 * funding is never guessed from another year's figures.
 */
export function capsFor(
  programme: TProgramme,
  academicYear: string,
): { initialCapHours: number; refresherCapHours: number } | null {
  const year = programme.funding.years.find((y) => y.academicYear === academicYear);
  return year ? { initialCapHours: year.initialCapHours, refresherCapHours: year.refresherCapHours } : null;
}

/** Why a year has no funding figures, for the person reading the ledger or the claim. */
export function fundingNotSetMessage(academicYear: string): string {
  return `The funding figures for ${academicYear} are not set: hours are kept, but no funded hours or amounts can be worked out until a programme lead enters ${academicYear}'s caps and rates.`;
}

/**
 * A school's rate band for a year: the band's code and label from the programme, priced at the
 * year's own rate where the year lists one. Unknown or unset bands fall back to "national",
 * then the first. The price is null when the year is not covered.
 */
export function rateBandFor(programme: TProgramme, bandCode: string | null | undefined, academicYear?: string) {
  const bands = programme.funding.rateBands;
  const band = bands.find((b) => b.code === bandCode) ?? bands.find((b) => b.code === "national") ?? bands[0];
  if (academicYear === undefined)
    return { code: band.code, label: band.label, pencePerHour: band.pencePerHour as number | null };
  const year = programme.funding.years.find((y) => y.academicYear === academicYear);
  const pencePerHour = year ? (year.rates?.find((r) => r.code === band.code)?.pencePerHour ?? band.pencePerHour) : null;
  return { code: band.code, label: band.label, pencePerHour };
}

/** What the funding split needs of an hours entry (older entries have no provider or status). */
export interface FundableEntry {
  id?: string;
  date?: string;
  hours: number;
  kind: string;
  provider?: string | null;
  status?: string | null;
}

/**
 * Splits a year's entries into funded and unfunded hours: per provider and type, completed hours
 * are funded in date order up to the cap; the rest, and hours exempted through prior learning,
 * are unfunded. Returns the funded hours of each entry (by index) and of each type.
 */
export function allocateFunding(
  entries: ReadonlyArray<FundableEntry>,
  caps: { initialCapHours: number; refresherCapHours: number } | null,
) {
  const fundedByEntry = entries.map(() => 0);
  const used = new Map<string, number>();
  const order = entries
    .map((e, i) => i)
    .sort((a, b) => (entries[a].date ?? "").localeCompare(entries[b].date ?? "") || a - b);
  for (const i of order) {
    const e = entries[i];
    if (!caps || e.status === "exempted") continue;
    const cap = e.kind === "refresher" ? caps.refresherCapHours : caps.initialCapHours;
    const key = JSON.stringify([e.provider ?? "", e.kind]);
    const before = used.get(key) ?? 0;
    const funded = Math.max(0, Math.min(e.hours, cap - before));
    used.set(key, before + funded);
    fundedByEntry[i] = funded;
  }
  const fundedOf = (kind: string) => entries.reduce((sum, e, i) => sum + (e.kind === kind ? fundedByEntry[i] : 0), 0);
  return { fundedByEntry, initialFundedHours: fundedOf("initial"), refresherFundedHours: fundedOf("refresher") };
}

/** One mentor's year: hours logged, hours funded under the caps, unfunded hours and the amount in pence. */
export function claimForYear(
  programme: TProgramme,
  academicYear: string,
  entries: ReadonlyArray<FundableEntry>,
  bandCode: string | null | undefined,
) {
  const caps = capsFor(programme, academicYear);
  const sum = (keep: (e: FundableEntry) => boolean) => entries.filter(keep).reduce((total, e) => total + e.hours, 0);
  const initialHours = sum((e) => e.kind === "initial");
  const refresherHours = sum((e) => e.kind === "refresher");
  const exemptedHours = sum((e) => e.status === "exempted");
  const split = allocateFunding(entries, caps);
  const claimableHours = split.initialFundedHours + split.refresherFundedHours;
  const rateBand = rateBandFor(programme, bandCode, academicYear);
  return {
    academicYear,
    fundingSet: caps !== null,
    fundingMessage: caps ? null : fundingNotSetMessage(academicYear),
    initialHours,
    refresherHours,
    exemptedHours,
    initialCapHours: caps?.initialCapHours ?? null,
    refresherCapHours: caps?.refresherCapHours ?? null,
    initialFundedHours: split.initialFundedHours,
    refresherFundedHours: split.refresherFundedHours,
    claimableHours,
    unfundedHours: initialHours + refresherHours - claimableHours,
    rateBand,
    // Quarter hours times whole pence can be fractional; a claim is paid in whole pence.
    amountPence: rateBand.pencePerHour === null ? null : Math.round(claimableHours * rateBand.pencePerHour),
  };
}

/** Pence as "£1,234.56". */
export function formatPounds(pence: number): string {
  return `£${(pence / 100).toLocaleString("en-GB", { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
