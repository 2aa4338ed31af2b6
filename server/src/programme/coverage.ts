import type { TCoverage } from "../contracts/portfolio";
import type { TProgramme } from "../programme/schema";

/** A dated item with its links, live or frozen: what coverage is computed from. */
export interface CoverageItem {
  evidenceId: string;
  title: string;
  practiceDate: string;
  standards: Array<{ standardCode: string; descriptorCode: string | null }>;
}

const DAY_MS = 86_400_000;

/** The academic year (1 September – 31 August) a day falls in, as "2025/26". */
export function academicYearOf(isoDay: string): { label: string; start: string; end: string } {
  const [year, month] = isoDay.split("-").map(Number);
  const startYear = month >= 9 ? year : year - 1;
  return {
    label: `${startYear}/${String((startYear + 1) % 100).padStart(2, "0")}`,
    start: `${startYear}-09-01`,
    end: `${startYear + 1}-08-31`,
  };
}

function tally(items: CoverageItem[]) {
  const dates = items.map((i) => i.practiceDate).sort();
  return { count: items.length, latestDate: dates.at(-1) ?? null, evidenceIds: items.map((i) => i.evidenceId) };
}

/**
 * Standards × evidence (how much, how recent, per descriptor), the dated timeline, and whether
 * the evidence spans the qualification's minimum (a full year's cycle for Mastery).
 */
export function computeCoverage(programme: TProgramme, requiredDays: number, items: CoverageItem[]): TCoverage {
  const linksTo = (standardCode: string, descriptorCode: string | null) =>
    items.filter((i) =>
      i.standards.some((s) => s.standardCode === standardCode && s.descriptorCode === descriptorCode),
    );
  const standards = programme.standards.map((standard) => {
    const any = items.filter((i) => i.standards.some((s) => s.standardCode === standard.code));
    return {
      code: standard.code,
      title: standard.title,
      ...tally(any),
      general: tally(linksTo(standard.code, null)),
      descriptors: standard.descriptors.map((d) => ({
        code: d.code,
        text: d.text,
        ...tally(linksTo(standard.code, d.code)),
      })),
    };
  });

  const timeline = [...items]
    .sort((a, b) => a.practiceDate.localeCompare(b.practiceDate))
    .map((i) => ({
      evidenceId: i.evidenceId,
      title: i.title,
      practiceDate: i.practiceDate,
      standardCodes: [...new Set(i.standards.map((s) => s.standardCode))].sort(),
    }));
  const firstDate = timeline[0]?.practiceDate ?? null;
  const lastDate = timeline.at(-1)?.practiceDate ?? null;
  const days = firstDate && lastDate ? Math.round((Date.parse(lastDate) - Date.parse(firstDate)) / DAY_MS) : 0;
  const isMet = requiredDays === 0 ? items.length > 0 : days >= requiredDays;
  const message =
    requiredDays === 0
      ? items.length > 0
        ? "No minimum span of dated evidence is required."
        : "Add dated evidence to your portfolio."
      : isMet
        ? `Your dated evidence spans ${days} days, meeting the minimum of ${requiredDays} days.`
        : `Your dated evidence spans ${days} days; this qualification needs at least ${requiredDays} days (a full year's cycle). Add evidence from across the year.`;

  const years = new Map<string, { label: string; start: string; end: string; count: number }>();
  for (const item of timeline) {
    const year = academicYearOf(item.practiceDate);
    const entry = years.get(year.label) ?? { ...year, count: 0 };
    entry.count += 1;
    years.set(year.label, entry);
  }

  const gaps: string[] = [];
  for (const s of standards) {
    if (s.count === 0) gaps.push(`Standard ${s.code} (${s.title}) has no evidence yet.`);
    else {
      const missing = s.descriptors.filter((d) => d.count === 0).map((d) => d.code);
      if (missing.length > 0)
        gaps.push(
          `Standard ${s.code}: no evidence yet for descriptor${missing.length > 1 ? "s" : ""} ${missing.join(", ")}.`,
        );
    }
  }
  if (!isMet && requiredDays > 0) gaps.push(message);

  return {
    standards,
    timeline,
    span: { firstDate, lastDate, days, requiredDays, isMet, message },
    academicYears: [...years.values()],
    gaps,
  };
}
