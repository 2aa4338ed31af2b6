import type { TJudgementsSave, TReviewRecord } from "../contracts/panel";
import { conflict, invalidFields, isDuplicateKeyError } from "../errors";
import type { Actor } from "../lti/sessionToken";
import { PanelDecision, PanelJudgement, PanelReview } from "../models/panelReview";
import type { PortfolioVersionDoc } from "../models/portfolioVersion";
import { authorize } from "../policies";
import { withPanelSeat } from "../policies/panel";
import type { TProgramme } from "../programme/schema";
import { recordPanelDecision } from "./recordPanelDecision";
import { moderationState } from "../programme/moderation";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { appendDecision } from "./decisionRecord";

async function refuseIfSettled(actor: Actor, version: PortfolioVersionDoc): Promise<void> {
  if (await PanelDecision.exists({ versionId: version._id })) {
    throw conflict(
      `Version ${version.number} already has its outcome. Decisions are kept as recorded; the mentor can resubmit a new version.`,
    );
  }
  if (await PanelReview.exists({ versionId: version._id, reviewerUserId: actor.userId })) {
    throw conflict("You have already recorded your outcome for this version, so your judgements are final.");
  }
}

type Judgement = { standardCode: string; judgement: "met" | "more_evidence"; comment: string };
type Problem = { field: string; message: string };

function refuse(problems: Problem[]): never {
  throw invalidFields(problems);
}

function unknownStandards(programme: TProgramme, judgements: Judgement[]): Problem[] {
  return judgements
    .map((j, i) => ({ j, i }))
    .filter(({ j }) => !programme.standards.some((s) => s.code === j.standardCode))
    .map(({ j, i }) => ({
      field: `body.judgements.${i}.standardCode`,
      message: `"${j.standardCode}" is not a standard of this programme`,
    }));
}

/**
 * The rule that judgements and outcome agree: every standard judged; "Approved" only when every
 * one is met, "resubmit" otherwise; each standard needing more evidence says what evidence.
 * `fromDraft` says where the judgements came from, so the fields named are the ones the form shows.
 */
export function outcomeProblems(
  programme: TProgramme,
  judgements: Judgement[],
  outcome: "approved" | "resubmit",
  fromDraft: boolean,
): Problem[] {
  const judged = new Set(judgements.map((j) => j.standardCode));
  const unjudged = programme.standards.filter((s) => !judged.has(s.code)).map((s) => s.code);
  if (unjudged.length > 0)
    return [
      {
        field: "body.judgements",
        message: `judge every standard before recording the outcome (still to judge: standard ${unjudged.join(", ")})`,
      },
    ];
  const unmet = judgements.filter((j) => j.judgement === "more_evidence");
  const problems: Problem[] = [];
  if (outcome === "approved" && unmet.length > 0) {
    problems.push({
      field: "body.outcome",
      message: `can be "Approved" only when every standard is met; standard ${unmet.map((j) => j.standardCode).join(", ")} needs more evidence, so choose "Resubmit"`,
    });
  }
  if (outcome === "resubmit" && unmet.length === 0) {
    problems.push({
      field: "body.outcome",
      message:
        'is "Resubmit" but every standard is judged met: choose "Approved", or judge the standard that needs more evidence',
    });
  }
  if (outcome === "resubmit") {
    judgements.forEach((j, i) => {
      if (j.judgement === "more_evidence" && !j.comment.trim()) {
        problems.push({
          field: fromDraft ? `body.judgements` : `body.judgements.${i}.comment`,
          message: `standard ${j.standardCode} needs a suggestion saying what further evidence would show it`,
        });
      }
    });
  }
  return problems;
}

/** Saves one panel member's draft judgements (met / more evidence needed) on a version. */
export async function saveJudgements(p: {
  actor: Actor;
  version: PortfolioVersionDoc;
  input: TJudgementsSave;
  programme: TProgramme;
}): Promise<void> {
  authorize(p.actor, "judge", "PortfolioVersion", await withPanelSeat(p.actor, p.version));
  const problems = unknownStandards(p.programme, p.input.judgements);
  if (problems.length > 0) refuse(problems);
  await refuseIfSettled(p.actor, p.version);
  for (const j of p.input.judgements) {
    await PanelJudgement.updateOne(
      { versionId: p.version._id, reviewerUserId: p.actor.userId, standardCode: j.standardCode },
      {
        $set: { judgement: j.judgement, comment: j.comment, reviewerName: p.actor.name },
        $setOnInsert: {
          tenantId: p.version.tenantId,
          contextId: p.version.contextId,
          roundId: p.version.roundId,
          versionId: p.version._id,
          reviewerUserId: p.actor.userId,
          standardCode: j.standardCode,
        },
      },
      { upsert: true },
    );
  }
}

/**
 * Records a panel member's outcome with its judgements for a version, once, in one insert. The
 * outcome stays provisional: the programme's moderation rule says whether a second reviewer or
 * the programme lead must confirm it; when it is confirmed it becomes the (unreleased) decision.
 */
export async function recordPanelReview(p: {
  actor: Actor;
  version: PortfolioVersionDoc;
  input: TReviewRecord;
  programme: TProgramme;
}): Promise<void> {
  authorize(p.actor, "judge", "PortfolioVersion", await withPanelSeat(p.actor, p.version));
  const fromDraft = !p.input.judgements;
  const judgements: Judgement[] =
    p.input.judgements ??
    (await PanelJudgement.find({ versionId: p.version._id, reviewerUserId: p.actor.userId }).lean()).map((j) => ({
      standardCode: j.standardCode,
      judgement: j.judgement as Judgement["judgement"],
      comment: j.comment ?? "",
    }));
  const unknown = unknownStandards(p.programme, judgements);
  if (unknown.length > 0) refuse(unknown);
  const problems = outcomeProblems(p.programme, judgements, p.input.outcome, fromDraft);
  if (problems.length > 0) refuse(problems);
  await refuseIfSettled(p.actor, p.version);
  try {
    await PanelReview.create({
      tenantId: p.version.tenantId,
      contextId: p.version.contextId,
      versionId: p.version._id,
      roundId: p.version.roundId,
      reviewerUserId: p.actor.userId,
      reviewerName: p.actor.name,
      judgements,
      outcome: p.input.outcome,
      summary: p.input.summary,
      suggestions: p.input.suggestions,
    });
  } catch (err) {
    if (isDuplicateKeyError(err)) throw conflict("You have already recorded your outcome for this version.");
    throw err;
  }
  const record = {
    tenantId: p.version.tenantId,
    contextId: p.version.contextId,
    actor: p.actor,
    subject: `version:${p.version._id.toString()}`,
    mentorUserId: p.version.mentorUserId,
    roundId: p.version.roundId ? String(p.version.roundId) : null,
  };
  await appendDecision({
    ...record,
    kind: "judgement",
    after: judgements
      .map((j) => `${j.standardCode}: ${j.judgement === "met" ? "met" : `more evidence needed (${j.comment})`}`)
      .join("; "),
  });
  await appendDecision({ ...record, kind: "outcome", before: null, after: p.input.outcome, reason: p.input.summary });
  await refreshMentorFigures({ course: p.version, mentorUserId: p.version.mentorUserId });

  const reviews = await PanelReview.find({ versionId: p.version._id }).sort({ createdAt: 1 }).lean();
  const state = moderationState(p.version, reviews, p.programme.panel.moderation);
  if (state.kind !== "agreed") return;
  await recordPanelDecision({
    actor: p.actor,
    version: p.version,
    programme: p.programme,
    basis: state.basis,
    input: {
      outcome: state.outcome,
      summary: reviews.map((r) => r.summary).join("\n\n"),
      suggestions: reviews
        .map((r) => r.suggestions)
        .filter(Boolean)
        .join("\n\n"),
    },
  });
}
