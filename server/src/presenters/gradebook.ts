import type { TGradeDelivery, TGradebookResultRow } from "../contracts/gradebook";
import type { OutboxRecord } from "../gradebook/deliverCell";
import type { ResultRow } from "../gradebook/readBackResults";
import { progressOf } from "../gradebook/scoreBody";

type DeliveryRecord = OutboxRecord & {
  delivery: OutboxRecord["delivery"] & { deliveredAt: Date | null; lastError: string | null };
};

/** One mark's delivery state, as tutors and leads see it. */
export function presentDelivery(r: DeliveryRecord, mentorName: string): TGradeDelivery {
  const d = r.delivery;
  return {
    id: r._id.toString(),
    mentor: { userId: r.mentorUserId, name: mentorName },
    lineItem: { resourceId: r.lineItem.resourceId, label: r.lineItem.label, scoreMaximum: r.lineItem.scoreMaximum },
    scoreGiven: r.scoreGiven,
    progress: progressLabel(progressOf(r).grading),
    comment: r.comment ?? null,
    gradedAt: r.gradedAt.toISOString(),
    status: d.status as TGradeDelivery["status"],
    attempts: d.attempts ?? 0,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: d.status === "pending" ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: d.status === "delivered" || d.status === "superseded" ? null : (d.lastError ?? null),
  };
}

function progressLabel(grading: string): TGradeDelivery["progress"] {
  return grading === "PendingManual" ? "needs_marking" : grading === "Pending" ? "returned" : "marked";
}

export function presentResultRow(row: ResultRow): TGradebookResultRow {
  return { ...row, tool: row.tool ? { ...row.tool, gradedAt: row.tool.gradedAt.toISOString() } : null };
}
