import type { TProgramme } from "../programme/schema";

/** The tag every column we create carries, so our columns can be told from others. */
export const LINE_ITEM_TAG = "mentor-pathways";

/** A gradebook column the programme calls for. */
export interface LineItemSpec {
  /** Stable across launches and programme versions: "module:M1", "portfolio:MASTERY", "credit:M-LEVEL-30". */
  resourceId: string;
  label: string;
  scoreMaximum: number;
  kind: "module" | "portfolio" | "credit";
}

/**
 * Every column the programme asks for: each module with `gradebook` (pass/resubmit modules
 * score 0 or 1), each qualification whose portfolio outcome is graded (approved = 1), and the
 * credit award (scored in credits).
 */
export function lineItemSpecs(programme: TProgramme): LineItemSpec[] {
  const specs: LineItemSpec[] = [];
  for (const m of programme.modules) {
    if (!m.gradebook) continue;
    specs.push({
      kind: "module",
      resourceId: `module:${m.code}`,
      label: `Module ${m.number}: ${m.title}`,
      scoreMaximum: m.marking.scheme === "score" ? m.marking.maximum : 1,
    });
  }
  for (const q of programme.qualifications) {
    if (!q.gradebook) continue;
    specs.push({
      kind: "portfolio",
      resourceId: `portfolio:${q.code}`,
      label: `Portfolio: ${q.title}`,
      scoreMaximum: 1,
    });
  }
  const rule = programme.creditRule;
  specs.push({
    kind: "credit",
    resourceId: `credit:${rule.code}`,
    label: `Credit: ${rule.title}`,
    scoreMaximum: rule.credits,
  });
  return specs;
}

/** The spec for one resourceId, or null if the programme has no such column. */
export function lineItemSpec(programme: TProgramme, resourceId: string): LineItemSpec | null {
  return lineItemSpecs(programme).find((s) => s.resourceId === resourceId) ?? null;
}
