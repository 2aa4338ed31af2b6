import { conflict, notFound } from "../errors";
import { correctModuleMark, currentMarkOf } from "../commands/correctModuleMark";
import { decideModuleWork } from "../commands/markModuleWork";
import { queueGrade } from "../commands/queueGrade";
import type { Actor } from "../lti/sessionToken";
import { GradeRecord } from "../models/gradeRecord";
import { LmsMark, type LmsMarkDoc } from "../models/lmsMark";
import { ModuleRecord, type ModuleRecordDoc } from "../models/moduleRecord";
import { authorize } from "../policies";
import { courseScope } from "../policies/scope";
import { programmeVersionById } from "../queries/programmeVersionById";
import type { OutboxRecord } from "./deliverCell";

/**
 * The actor an automatic adoption is recorded under: the LMS gradebook itself, so the decision
 * record names where the mark came from.
 */
export function lmsActor(p: {
  tenantId: string;
  contextId: string;
  source: string;
  course: { title?: string | null; label?: string | null; deploymentId?: string | null } | null;
}): Actor {
  return {
    tenantId: p.tenantId,
    issuer: "",
    clientId: "",
    deploymentId: p.course?.deploymentId ?? "",
    userId: `lms:${p.tenantId}`,
    name: p.source,
    email: null,
    contextId: p.contextId,
    contextTitle: p.course?.title ?? "",
    contextLabel: p.course?.label ?? null,
    resourceLinkId: null,
    roles: ["tutor"],
    launchId: "",
    messageType: "LtiResourceLinkRequest",
    target: null,
    isDevelopment: false,
  };
}

async function loadOpen(actor: Actor, lmsMarkId: string): Promise<LmsMarkDoc> {
  const found = await LmsMark.findOne({ _id: lmsMarkId, ...courseScope(actor) }).lean<LmsMarkDoc>();
  if (!found) throw notFound("That mark from the VLE");
  if (found.status !== "open")
    throw conflict(
      `This mark from the VLE has already been ${found.status === "withdrawn" ? "changed again in the VLE" : found.status}. Reload to see the latest.`,
    );
  return found;
}

/** The LMS's mark in the module's own terms: a score out of the module's maximum, or pass/resubmit. */
function decisionFor(
  lms: LmsMarkDoc["lms"],
  marking: { scheme: "score"; maximum: number } | { scheme: "pass_resubmit" },
) {
  const share = lms.resultMaximum > 0 ? lms.resultScore / lms.resultMaximum : 0;
  if (marking.scheme === "score") return { score: Math.round(share * marking.maximum * 100) / 100 };
  if (share >= 1 - 1e-4) return { outcome: "pass" as const };
  if (share <= 1e-4) return { outcome: "resubmit" as const };
  throw conflict(
    "This module is marked pass or resubmit, and the VLE's mark is neither full marks nor 0: mark it in Mentor Pathways.",
  );
}

/**
 * Makes a mark from the LMS gradebook the module's mark, through the normal commands (credit
 * rules, decision record, the mentor told): for work waiting to be marked it is the mark; for
 * work the tool has marked already it is a correction of that mark (correctModuleMark), giving
 * the LMS as its reason. The LmsMark is settled first with a conditional update on its
 * `status: "open"`, so two tutors adopting at once adopt once. An adopted proposal is recorded as
 * already in the LMS and never sent back; an adopted conflict is sent (it supersedes the tool's
 * unsent mark in the outbox), so that both places end with the chosen mark. Automatic adoption
 * (the programme's `lmsMarks.adopt`) only ever gives a first mark: correcting a mark is a
 * person's decision.
 */
export async function adoptLmsMark(props: {
  actor: Actor;
  lmsMarkId: string;
  isAutomatic?: boolean;
}): Promise<LmsMarkDoc> {
  const { actor } = props;
  const lmsMark = await loadOpen(actor, props.lmsMarkId);
  const record = await ModuleRecord.findOne({
    ...courseScope(actor),
    mentorUserId: lmsMark.mentorUserId,
    moduleCode: lmsMark.moduleCode,
  }).lean<ModuleRecordDoc>();
  const marked = record?.status === "graded" && !props.isAutomatic ? await currentMarkOf(record) : null;
  const isCorrection = marked?.kind === "mark";
  if (!record || (record.status !== "submitted" && !isCorrection)) {
    throw conflict(
      record?.status === "returned"
        ? "This work was returned for more work in Mentor Pathways, so there is no mark for the VLE's mark to replace. Mark it when the mentor resubmits."
        : record?.status === "graded"
          ? "This work has already been marked in Mentor Pathways; a tutor can adopt the VLE's mark as a correction."
          : "This mentor has no submitted work for this module waiting for a mark, so the VLE's mark cannot be adopted yet.",
    );
  }
  if (!props.isAutomatic) authorize(actor, "mark", "ModuleWork", record);
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw conflict("This module is no longer in the programme it was started under.");
  const decision = decisionFor(lmsMark.lms, module.marking);
  const score = "score" in decision ? decision.score : decision.outcome === "pass" ? 1 : 0;

  const settledAt = new Date();
  const claimed = await LmsMark.updateOne(
    { _id: lmsMark._id, status: "open" },
    {
      $set: {
        status: "adopted",
        adopted: { recordId: record._id.toString(), attempt: record.attempt, score },
        settledBy: actor.userId,
        settledAt,
      },
    },
  );
  if (claimed.modifiedCount === 0)
    throw conflict("Someone else has just settled this mark from the VLE. Reload to see it.");
  const comment = lmsMark.lms.comment?.trim() || null;
  try {
    if (isCorrection) {
      await correctModuleMark({
        actor,
        record,
        correction: {
          attempt: record.attempt,
          revision: marked.revision ?? 0,
          ...decision,
          ...(comment ? { feedback: comment.slice(0, 10_000) } : {}),
          reason: `Changed in the ${lmsMark.source}; adopted by ${actor.name}.`,
        },
        fromLms: { lmsMarkId: lmsMark._id.toString(), isAlreadyInLms: lmsMark.kind === "proposal" },
      });
    } else {
      const feedback = comment ?? `Mark entered in the ${lmsMark.source}.`;
      await decideModuleWork({
        actor,
        record,
        decision: { kind: "mark", attempt: record.attempt, feedback: feedback.slice(0, 10_000), ...decision },
      });
    }
  } catch (err) {
    // Not adopted after all (the work or its mark changed meanwhile): offer it again.
    await LmsMark.updateOne(
      { _id: lmsMark._id, status: "adopted", settledBy: actor.userId, settledAt },
      {
        $set: {
          status: "open",
          adopted: { recordId: null, attempt: null, score: null },
          settledBy: null,
          settledAt: null,
        },
      },
    );
    throw err;
  }
  return (await LmsMark.findById(lmsMark._id).lean<LmsMarkDoc>())!;
}

/**
 * Keeps the tool's mark over the LMS's: the LmsMark is closed, and the tool's newest mark is
 * sent again when the LMS no longer shows it (a mark still waiting to be sent goes as it is).
 */
export async function dismissLmsMark(props: { actor: Actor; lmsMarkId: string }): Promise<LmsMarkDoc> {
  const { actor } = props;
  const lmsMark = await loadOpen(actor, props.lmsMarkId);
  const record = await ModuleRecord.findOne({
    ...courseScope(actor),
    mentorUserId: lmsMark.mentorUserId,
    moduleCode: lmsMark.moduleCode,
  }).lean<ModuleRecordDoc>();
  if (record) authorize(actor, "mark", "ModuleWork", record);
  const claimed = await LmsMark.updateOne(
    { _id: lmsMark._id, status: "open" },
    { $set: { status: "dismissed", settledBy: actor.userId, settledAt: new Date() } },
  );
  if (claimed.modifiedCount === 0)
    throw conflict("Someone else has just settled this mark from the VLE. Reload to see it.");
  const newest = await GradeRecord.findOne({
    ...courseScope(actor),
    mentorUserId: lmsMark.mentorUserId,
    "lineItem.resourceId": lmsMark.resourceId,
    scoreGiven: { $ne: null },
    "delivery.status": { $ne: "superseded" },
  })
    .sort({ gradedAt: -1 })
    .lean<OutboxRecord>();
  if (newest?.delivery.status === "delivered" && newest.scoreGiven !== null) {
    await queueGrade({
      dedupeKey: `lms-mark-kept:${lmsMark._id.toString()}`,
      tenantId: newest.tenantId,
      contextId: newest.contextId,
      mentorUserId: newest.mentorUserId,
      source: newest.source,
      lineItem: newest.lineItem,
      scoreGiven: newest.scoreGiven,
      comment: newest.comment,
      gradedBy: actor.userId,
    });
  }
  return (await LmsMark.findById(lmsMark._id).lean<LmsMarkDoc>())!;
}
