import { isDuplicateKeyError } from "../errors";
import { Course } from "../models/course";
import { GradeRecord, gradeCellKey } from "../models/gradeRecord";
import { LineItem } from "../models/lineItem";
import { LmsMark } from "../models/lmsMark";
import { Registration } from "../models/registration";
import { programmeInForce } from "../queries/programmeInForce";
import type { OutboxRecord } from "./deliverCell";
import { adoptLmsMark, lmsActor } from "./settleLmsMark";
import { serviceForTenant, type GradebookPorts } from "./platformService";

/** What one read-back found, for the person or schedule that asked. */
export interface ReadBackSummary {
  columns: number;
  proposed: number;
  conflicts: number;
  adopted: number;
}

// Gradebooks keep a handful of decimals and rescale to the column's maximum: compare shares.
const shareOf = (score: number, maximum: number) => (maximum > 0 ? score / maximum : 0);
const isSameShare = (a: number, b: number) => Math.abs(a - b) < 1e-4;

/**
 * Reads the LMS's results for a course's module columns (AGS result service) and records each
 * mark the tool did not send as an LmsMark: a "proposal" when only the LMS changed since the
 * tool's last delivered score, a "conflict" when the tool has a newer mark not yet in the LMS.
 * A proposal is adopted straight away when the programme says so (`lmsMarks.adopt`) and the
 * work is waiting for a mark. An open LmsMark the LMS no longer shows is withdrawn. Only columns
 * the tool knows are read; nothing is sent to the LMS here.
 */
export async function readBackCourseMarks(
  ports: GradebookPorts,
  tenantId: string,
  contextId: string,
): Promise<ReadBackSummary> {
  const summary: ReadBackSummary = { columns: 0, proposed: 0, conflicts: 0, adopted: 0 };
  const { definition } = await programmeInForce(tenantId, contextId);
  const modules = new Map(definition.modules.filter((m) => m.gradebook).map((m) => [`module:${m.code}`, m]));
  const columns = (
    await LineItem.find({ tenantId, contextId, resourceId: { $in: [...modules.keys()] } }).lean()
  ).filter((c) => modules.has(c.resourceId));
  if (columns.length === 0) return summary;
  const svc = await serviceForTenant(ports, tenantId);
  const registration = await Registration.findById(tenantId, { name: 1 }).lean();
  const source = `${registration?.name ?? "The VLE"} gradebook`;

  for (const column of columns) {
    summary.columns++;
    const module = modules.get(column.resourceId)!;
    const results = await svc.scores.results(column.url);
    const records = await GradeRecord.find({
      tenantId,
      contextId,
      "lineItem.resourceId": column.resourceId,
      "delivery.status": { $ne: "superseded" },
    })
      .sort({ gradedAt: -1 })
      .lean<Array<OutboxRecord & { cellKey: string }>>();
    const byMentor = new Map<string, OutboxRecord[]>();
    for (const r of records) byMentor.set(r.mentorUserId, [...(byMentor.get(r.mentorUserId) ?? []), r]);

    for (const result of results) {
      if (result.resultScore === null) continue;
      const maximum = result.resultMaximum ?? column.scoreMaximum;
      const lmsShare = shareOf(result.resultScore, maximum);
      const cell = byMentor.get(result.userId) ?? [];
      const cellKey = gradeCellKey({
        tenantId,
        contextId,
        mentorUserId: result.userId,
        lineItem: { resourceId: column.resourceId },
      });
      // What the LMS should show: the newest score the tool delivered. A submission or a return
      // delivered after it sent no score, so then the LMS should show none.
      const baseline = cell.find((r) => r.delivery.status === "delivered") ?? null;
      const open = await LmsMark.find({
        tenantId,
        contextId,
        mentorUserId: result.userId,
        resourceId: column.resourceId,
        status: "open",
      }).lean();

      if (
        baseline?.scoreGiven != null &&
        isSameShare(lmsShare, shareOf(baseline.scoreGiven, baseline.lineItem.scoreMaximum))
      ) {
        // The LMS shows what the tool sent: anything offered earlier has been undone there.
        await withdraw(open.map((m) => m._id));
        continue;
      }
      const unsent =
        cell.find(
          (r) =>
            r.scoreGiven !== null && r.delivery.status !== "delivered" && (!baseline || r.gradedAt > baseline.gradedAt),
        ) ?? null;
      // The tool's own newer mark already says the same: nothing to settle.
      if (unsent && isSameShare(lmsShare, shareOf(unsent.scoreGiven!, unsent.lineItem.scoreMaximum))) continue;
      const kind = unsent ? "conflict" : "proposal";
      const dedupeKey = [
        cellKey,
        baseline?._id.toString() ?? "none",
        unsent?._id.toString() ?? "none",
        lmsShare.toFixed(6),
      ].join("|");
      await withdraw(open.filter((m) => m.dedupeKey !== dedupeKey).map((m) => m._id));
      let created;
      try {
        created = await LmsMark.create({
          tenantId,
          contextId,
          mentorUserId: result.userId,
          moduleCode: module.code,
          resourceId: column.resourceId,
          kind,
          source,
          lms: { resultScore: result.resultScore, resultMaximum: maximum, comment: result.comment },
          baseline: baseline
            ? {
                gradeRecordId: baseline._id.toString(),
                scoreGiven: baseline.scoreGiven,
                scoreMaximum: baseline.lineItem.scoreMaximum,
              }
            : {},
          toolRecordId: unsent?._id.toString() ?? null,
          seenAt: new Date(),
          dedupeKey,
        });
      } catch (err) {
        if (isDuplicateKeyError(err)) continue; // Seen before: already offered, or already settled.
        throw err;
      }
      summary[kind === "conflict" ? "conflicts" : "proposed"]++;
      if (kind === "proposal" && definition.lmsMarks.adopt === "automatically") {
        const course = await Course.findOne({ tenantId, contextId }, { title: 1, label: 1, deploymentId: 1 }).lean();
        const adopted = await adoptLmsMark({
          actor: lmsActor({ tenantId, contextId, source, course }),
          lmsMarkId: created._id.toString(),
          isAutomatic: true,
        }).then(
          () => true,
          // Not waiting for a mark (already marked in the tool, say): it stays offered to a tutor.
          () => false,
        );
        if (adopted) summary.adopted++;
      }
    }
  }
  return summary;
}

async function withdraw(ids: unknown[]): Promise<void> {
  if (ids.length > 0)
    await LmsMark.updateMany(
      { _id: { $in: ids }, status: "open" },
      { $set: { status: "withdrawn", settledAt: new Date() } },
    );
}

/**
 * Reads back every course's module columns once for this schedule window: each course is taken
 * for the window with a conditional update on the course, so other processes skip it. To be run
 * on a schedule by the job runner; a tutor opening the marking page reads their own course at
 * once (`POST /api/gradebook/lms-marks/read`).
 */
export async function readBackLmsMarks(
  ports: GradebookPorts,
  intervalMs: number,
  now = Date.now(),
): Promise<ReadBackSummary> {
  const window = Math.floor(now / Math.max(1, intervalMs));
  const total: ReadBackSummary = { columns: 0, proposed: 0, conflicts: 0, adopted: 0 };
  const courses = await Course.find({ agsLineItemsUrl: { $ne: null } }, { tenantId: 1, contextId: 1 }).lean();
  for (const c of courses) {
    if (
      (await Course.updateOne({ _id: c._id, lmsMarksWindow: { $ne: window } }, { $set: { lmsMarksWindow: window } }))
        .modifiedCount === 0
    )
      continue;
    try {
      const s = await readBackCourseMarks(ports, c.tenantId, c.contextId);
      for (const k of Object.keys(total) as Array<keyof ReadBackSummary>) total[k] += s[k];
    } catch (err) {
      console.warn(
        `[gradebook] reading back marks of ${c.contextId} failed: ${err instanceof Error ? err.message : err}`,
      );
    }
  }
  return total;
}
