import type { Types } from "mongoose";
import type { TFrozenEvidence } from "../contracts/portfolio";
import { Attachment, type AttachmentDoc } from "../models/attachment";
import { Evidence, type EvidenceDoc } from "../models/evidence";
import type { PortfolioDoc } from "../models/portfolio";
import { PortfolioEntry, type PortfolioEntryDoc } from "../models/portfolioEntry";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { groupBy } from "../groupBy";
import { completedModuleCodes } from "./moduleProgress";
import type { TQualification } from "../programme/schema";
import { priorLearningProblems, priorLearningRouteOf } from "../programme/priorLearningRoute";
import type { TProgramme } from "../programme/schema";
import { isoDay, presentAttachment, presentStandardLinks } from "../presenters/evidence";
import { computeCoverage, type CoverageItem } from "../programme/coverage";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "./portfolioReads";

/** Evidence as frozen into a version; attachments keep their GridFS file id (never sent out). */
export type DraftEvidence = TFrozenEvidence & {
  attachments: Array<TFrozenEvidence["attachments"][number] & { fileId: string }>;
};

/**
 * The evidence a portfolio's working draft holds (included and not archived), in the mentor's
 * order, shaped as it would be frozen into a version.
 */
export async function draftEvidence(
  portfolio: Pick<PortfolioDoc, "_id" | "tenantId" | "contextId" | "mentorUserId">,
): Promise<DraftEvidence[]> {
  const entries = await PortfolioEntry.find({ portfolioId: portfolio._id }, { evidenceId: 1 }).lean();
  const items = await Evidence.find({
    tenantId: portfolio.tenantId,
    contextId: portfolio.contextId,
    mentorUserId: portfolio.mentorUserId,
    _id: { $in: entries.map((e) => e.evidenceId) },
    archivedAt: null,
  })
    .sort({ position: 1, createdAt: 1 })
    .lean<EvidenceDoc[]>();
  const ids = items.map((i) => i._id);
  const attachments = await Attachment.find({ evidenceId: { $in: ids }, archivedAt: null })
    .sort({ createdAt: 1 })
    .lean<AttachmentDoc[]>();
  const attachmentsOf = groupBy(attachments, (a) => String(a.evidenceId));
  return items.map((e) => {
    const id = e._id.toString();
    return {
      evidenceId: id,
      title: e.title,
      practiceDate: isoDay(e.practiceDate),
      narrativeHtml: e.narrativeHtml ?? "",
      links: (e.links ?? []).map((l) => ({ url: l.url ?? "", label: l.label ?? "" })),
      standards: presentStandardLinks(e),
      attachments: (attachmentsOf.get(id) ?? []).map((a) => ({ ...presentAttachment(a), fileId: a.fileId.toString() })),
    };
  });
}

/**
 * What the submission checks read of the evidence in these portfolios' drafts (included and not
 * archived), by portfolio id, in the mentor's order: title, date and standards, as draftEvidence
 * gives them, without narratives, web links or attachments. The portfolios are one mentor's in one course.
 */
export async function draftCoverageItems(
  mentor: { tenantId: string; contextId: string; mentorUserId: string },
  entries: Array<Pick<PortfolioEntryDoc, "portfolioId" | "evidenceId">>,
): Promise<Map<string, CoverageItem[]>> {
  if (entries.length === 0) return new Map();
  const items = await Evidence.find(
    {
      tenantId: mentor.tenantId,
      contextId: mentor.contextId,
      mentorUserId: mentor.mentorUserId,
      _id: { $in: entries.map((e) => e.evidenceId) },
      archivedAt: null,
    },
    { title: 1, practiceDate: 1, standards: 1 },
  )
    .sort({ position: 1, createdAt: 1 })
    .lean<Array<Pick<EvidenceDoc, "_id" | "title" | "practiceDate" | "standards">>>();
  const portfoliosOf = groupBy(entries, (e) => String(e.evidenceId));
  const itemsOf = new Map<string, CoverageItem[]>();
  for (const e of items) {
    const id = e._id.toString();
    const item = {
      evidenceId: id,
      title: e.title,
      practiceDate: isoDay(e.practiceDate),
      standards: presentStandardLinks(e),
    };
    for (const entry of portfoliosOf.get(id) ?? []) {
      const key = String(entry.portfolioId);
      const list = itemsOf.get(key);
      if (list) list.push(item);
      else itemsOf.set(key, [item]);
    }
  }
  return itemsOf;
}

/**
 * The submitted versions of these portfolios (of one course), oldest first, as summaries and
 * statuses need them: without their frozen evidence, narrative and statement.
 */
export function versionDocsOf(portfolioIds: Types.ObjectId[]): Promise<PortfolioVersionDoc[]> {
  return PortfolioVersion.find(
    { portfolioId: { $in: portfolioIds } },
    { evidence: 0, narrativeHtml: 0, priorLearningStatement: 0 },
  )
    .sort({ number: 1 })
    .lean<PortfolioVersionDoc[]>()
    .exec();
}

/** Versions of one course, each with its status under the programme's panel rules. */
export async function withStatuses(
  course: { tenantId: string; contextId: string },
  versions: PortfolioVersionDoc[],
  programme: TProgramme,
) {
  const statuses = await statusesOf(course, versions, reviewersRequired(programme));
  return versions.map((v) => ({ version: v, status: statuses.get(v._id.toString())! }));
}

/** The portfolio's versions, oldest first, with the status of each. */
export async function versionsOf(
  portfolio: Pick<PortfolioDoc, "_id" | "tenantId" | "contextId">,
  programme: TProgramme,
) {
  return withStatuses(portfolio, await versionDocsOf([portfolio._id]), programme);
}

/** A portfolio's versions with their statuses, as versionsOf gives them. */
export type VersionsWithStatus = Awaited<ReturnType<typeof versionsOf>>;

/**
 * Why the draft cannot be submitted now, in the mentor's words; empty when it can. The same
 * list drives the submit button and the 409 the submit endpoint answers.
 */
export async function submissionProblems(p: DraftToCheck): Promise<string[]> {
  const done = await completedModuleCodes(
    p.portfolio.tenantId,
    p.portfolio.contextId,
    p.portfolio.mentorUserId,
    p.qualification.requiredModules,
  );
  return draftProblems({ ...p, done });
}

/** A draft as the submission checks see it. */
interface DraftToCheck {
  portfolio: PortfolioDoc;
  qualification: TQualification;
  programme: TProgramme;
  /** The draft's evidence: draftEvidence's, or the parts draftCoverageItems reads. */
  evidence: CoverageItem[];
  versions: VersionsWithStatus;
  /** Whether this submission goes through the prior-learning route; the draft's choice unless the submit says otherwise. */
  applying?: boolean;
}

/**
 * submissionProblems for a caller that has read the mentor's completed modules (`done`; at least
 * those among the qualification's required modules), e.g. once for all their portfolios.
 */
export function draftProblems(p: DraftToCheck & { done: ReadonlySet<string> }): string[] {
  const problems: string[] = [];
  const latest = p.versions.at(-1);
  if (latest?.status === "approved")
    problems.push(`Version ${latest.version.number} was approved: this portfolio is complete.`);
  else if (latest && latest.status !== "resubmit")
    problems.push(
      `Version ${latest.version.number} is with the review panel. You can submit again once it has an outcome.`,
    );
  const applying = p.applying ?? p.portfolio.priorLearning?.applying ?? false;
  const route = priorLearningRouteOf(p.qualification);
  if (applying && !route)
    problems.push(
      `The prior-learning route is not open for ${p.qualification.title}: untick "I am applying through the prior-learning route".`,
    );
  const through = applying ? route : null;
  // The route stands in for the modules it waives; the others (e.g. Entry's M1, M2) are still needed.
  const missing = p.qualification.requiredModules.filter((m) => !p.done.has(m) && !through?.waivesModules.includes(m));
  if (missing.length > 0) problems.push(`Complete module${missing.length > 1 ? "s" : ""} ${missing.join(", ")} first.`);
  if (p.evidence.length === 0) problems.push("Add at least one piece of evidence to this portfolio.");
  if (through) {
    problems.push(
      ...priorLearningProblems({
        route: through,
        statement: p.portfolio.priorLearning?.statement ?? "",
        evidence: p.evidence,
        appliedOn: new Date(),
      }),
    );
  } else {
    const coverage = computeCoverage(p.programme, p.qualification.minimumEvidenceSpanDays, p.evidence);
    if (p.evidence.length > 0 && !coverage.span.isMet) problems.push(coverage.span.message);
  }
  return problems;
}

/**
 * The span of dated evidence a submission must show: the qualification's (a full year's cycle for
 * Mastery), or none through the prior-learning route, whose own rule is how recent evidence is.
 */
export function requiredSpanDays(qualification: TQualification, applying: boolean): number {
  return applying && priorLearningRouteOf(qualification) ? 0 : qualification.minimumEvidenceSpanDays;
}
