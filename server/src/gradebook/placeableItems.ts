import type { TPlaceableItem } from "../contracts/deepLinking";
import type { TProgramme } from "../programme/schema";
import { lineItemSpecs } from "./lineItemSpecs";

/**
 * What a tutor can place in a course through deep linking: each module, each qualification's
 * portfolio, the panel and the lead's dashboard. Graded ones carry their gradebook column, so
 * the placement makes it (Moodle and Blackboard only make a column when a lineItem is sent).
 */
export function placeableItems(programme: TProgramme): TPlaceableItem[] {
  const columns = new Map(lineItemSpecs(programme).map((s) => [s.resourceId, s]));
  const gradebook = (resourceId: string) => {
    const spec = columns.get(resourceId);
    return spec ? { resourceId, scoreMaximum: spec.scoreMaximum } : null;
  };
  return [
    ...programme.modules.map((m) => ({
      target: `module:${m.code}`,
      title: `Module ${m.number}: ${m.title}`,
      description: m.summary,
      gradebook: gradebook(`module:${m.code}`),
    })),
    ...programme.qualifications.map((q) => ({
      target: `portfolio:${q.code}`,
      title: `Portfolio: ${q.title}`,
      description: q.summary,
      gradebook: gradebook(`portfolio:${q.code}`),
    })),
    {
      target: "panel",
      title: "Portfolio review panel",
      description: "Where panel members review submitted portfolios.",
      gradebook: null,
    },
    {
      target: "dashboard",
      title: "Programme lead's dashboard",
      description: "Completion, certificates and credit across the cohort.",
      gradebook: null,
    },
  ];
}
