import { markCourseChanged } from "./courseChanged";
import { PanelDecision, type PanelDecisionDoc } from "../models/panelReview";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { programmeVersionById } from "../queries/programmeVersionById";
import type { TProgramme } from "../programme/schema";
import { onPortfolioApproved } from "./onPortfolioApproved";
import { queueGrade } from "./queueGrade";
import { tellMentor } from "./tellMentor";

/**
 * What a released panel decision sets off: the gradebook score for qualifications that report there,
 * on approval the certificate, badge and credit check, and the mentor's notice of the outcome. Each
 * step is idempotent (a dedupe key for the grade; one certificate per version; one credit award per
 * mentor and rule; one notice per version), so running this again after a crash repeats nothing.
 */
export async function applyDecisionFollowUps(props: {
  decision: PanelDecisionDoc;
  version: PortfolioVersionDoc;
  programme: TProgramme;
}): Promise<void> {
  const { decision, version, programme } = props;
  // Nothing reaches the mentor, the gradebook or the ledger before the lead releases the round.
  if (!decision.releasedAt) return;
  const qualification = programme.qualifications.find((q) => q.code === version.qualificationCode);
  if (qualification?.gradebook) {
    await queueGrade({
      dedupeKey: `panel-decision:${decision._id.toString()}`,
      tenantId: version.tenantId,
      contextId: version.contextId,
      mentorUserId: version.mentorUserId,
      source: { kind: "portfolio", id: version._id.toString() },
      lineItem: {
        resourceId: `portfolio:${qualification.code}`,
        label: `${qualification.title} portfolio`,
        scoreMaximum: 1,
      },
      scoreGiven: decision.outcome === "approved" ? 1 : 0,
      comment: decision.summary,
      gradedBy: decision.decidedBy,
      gradedAt: decision.releasedAt,
    });
  }
  if (decision.outcome === "approved") {
    await onPortfolioApproved({
      tenantId: version.tenantId,
      contextId: version.contextId,
      mentorUserId: version.mentorUserId,
      qualificationCode: version.qualificationCode,
      portfolioId: version.portfolioId.toString(),
      versionId: version._id.toString(),
      versionNumber: version.number,
      approvedBy: decision.decidedBy,
      approvedAt: decision.decidedAt,
      releasedAt: decision.releasedAt,
    });
  }
  // Told here, before the follow-ups are marked done, so the decision sweep tells a mentor whom a stop left untold.
  const isApproved = decision.outcome === "approved";
  await tellMentor({
    tenantId: version.tenantId,
    contextId: version.contextId,
    mentorUserId: version.mentorUserId,
    key: `release:${version._id.toString()}`,
    kind: "outcome_released",
    title: isApproved
      ? `Your ${version.qualificationCode} portfolio is approved`
      : `The panel's suggestions for your ${version.qualificationCode} portfolio`,
    body: isApproved
      ? `The panel approved version ${version.number}. Your certificate and badge are ready.`
      : `The panel asks you to resubmit version ${version.number} with further evidence; its suggestions for each standard are on the version's page.`,
    // The version's page shows the outcome with each standard's judgement and suggestions.
    link: `/portfolio/${version.portfolioId.toString()}/versions/${version.number}`,
    at: decision.releasedAt,
  });
  await PanelDecision.updateOne({ _id: decision._id }, { $set: { followUpsDoneAt: new Date() } });
}

/**
 * Finishes the follow-ups of decisions whose server stopped before they completed. Decisions
 * younger than `graceMs` are left alone: their own request is probably still running them.
 */
export async function sweepDecisionFollowUps(graceMs = 60_000): Promise<number> {
  const pending = await PanelDecision.find({
    followUpsDoneAt: null,
    releasedAt: { $ne: null, $lt: new Date(Date.now() - graceMs) },
  })
    .limit(100)
    .lean<PanelDecisionDoc[]>();
  for (const decision of pending) {
    const version = await PortfolioVersion.findById(decision.versionId).lean<PortfolioVersionDoc>();
    if (!version) continue;
    const programme = await programmeVersionById(String(version.programme?.versionId));
    await applyDecisionFollowUps({ decision, version, programme: programme.definition });
    await markCourseChanged({ course: { tenantId: version.tenantId, contextId: version.contextId } });
  }
  return pending.length;
}
