import type { z } from "zod";
import type { ZResultComparison } from "../contracts/gradebook";
import type { AgsResult } from "../lti/port";
import { GradeRecord } from "../models/gradeRecord";
import { LineItem } from "../models/lineItem";
import { Member } from "../models/member";
import { notFound } from "../errors";
import { programmeInForce } from "../queries/programmeInForce";
import { lineItemSpec } from "./lineItemSpecs";
import { lineItemsUrlOf, serviceForTenant, type GradebookPorts } from "./platformService";
import type { OutboxRecord } from "./deliverCell";

type Comparison = z.infer<typeof ZResultComparison>;

export interface ResultRow {
  mentor: { userId: string; name: string };
  tool: {
    scoreGiven: number;
    scoreMaximum: number;
    status: "pending" | "delivered" | "failed" | "superseded";
    gradedAt: Date;
  } | null;
  lms: { resultScore: number | null; resultMaximum: number | null; comment: string | null } | null;
  comparison: Comparison;
}

/**
 * Reads the LMS's current results for one column (AGS result service) beside the tool's newest
 * mark for each mentor, and says where they differ, e.g. a grade changed in the LMS. Nothing
 * is written either way: a difference is for a person to look at.
 */
export async function readBackResults(ports: GradebookPorts, tenantId: string, contextId: string, resourceId: string) {
  const { definition } = await programmeInForce(tenantId, contextId);
  const spec = lineItemSpec(definition, resourceId);
  if (!spec) throw notFound("That gradebook column");
  const svc = await serviceForTenant(ports, tenantId);

  let url = (await LineItem.findOne({ tenantId, contextId, resourceId }, { url: 1 }).lean())?.url;
  // Looking is not making: an unknown column is searched for, never created, here.
  url ??= (await svc.lineItems.list(await lineItemsUrlOf(tenantId, contextId), { resourceId })).find(
    (li) => li.resourceId === resourceId,
  )?.id;
  if (!url) throw notFound("That gradebook column in the VLE");

  const results = await svc.scores.results(url);
  // Marks only: a submission or a return reports progress without a score to compare.
  const marks = await GradeRecord.find({
    tenantId,
    contextId,
    "lineItem.resourceId": resourceId,
    "delivery.status": { $ne: "superseded" },
    scoreGiven: { $ne: null },
  })
    .sort({ gradedAt: -1 })
    .lean<OutboxRecord[]>();
  const newestMark = new Map<string, OutboxRecord>();
  for (const m of marks) if (!newestMark.has(m.mentorUserId)) newestMark.set(m.mentorUserId, m);
  const byUser = new Map<string, AgsResult>(results.map((r) => [r.userId, r]));

  const userIds = [...new Set([...newestMark.keys(), ...byUser.keys()])];
  const names = new Map(
    (await Member.find({ tenantId, contextId, userId: { $in: userIds } }, { userId: 1, name: 1 }).lean()).map((m) => [
      m.userId,
      m.name,
    ]),
  );
  const rows: ResultRow[] = userIds.map((userId) => {
    const mark = newestMark.get(userId);
    const result = byUser.get(userId);
    const tool = mark
      ? {
          scoreGiven: mark.scoreGiven ?? 0,
          scoreMaximum: mark.lineItem.scoreMaximum,
          status: mark.delivery.status as "pending",
          gradedAt: mark.gradedAt,
        }
      : null;
    const lms = result
      ? { resultScore: result.resultScore, resultMaximum: result.resultMaximum, comment: result.comment }
      : null;
    return {
      mentor: { userId, name: names.get(userId) ?? userId },
      tool,
      lms,
      comparison: compare(tool, lms, spec.scoreMaximum),
    };
  });
  rows.sort((a, b) => a.mentor.name.localeCompare(b.mentor.name));
  return { lineItem: { resourceId, label: spec.label, scoreMaximum: spec.scoreMaximum }, readAt: new Date(), rows };
}

// LMSs rescale to the column's maximum (Moodle, Canvas), so compare proportions, not raw numbers.
function compare(tool: ResultRow["tool"], lms: ResultRow["lms"], columnMaximum: number): Comparison {
  if (!tool) return "only_in_lms";
  if (tool.status !== "delivered") return "not_yet_delivered";
  if (!lms || lms.resultScore === null) return "missing_in_lms";
  const toolShare = tool.scoreGiven / tool.scoreMaximum;
  const lmsShare = lms.resultScore / (lms.resultMaximum ?? columnMaximum);
  return Math.abs(toolShare - lmsShare) < 1e-4 ? "same" : "differs";
}
