import { conflict, invalidField, isDuplicateKeyError } from "../errors";
import type { TPortfolioSubmit } from "../contracts/portfolio";
import type { Actor } from "../lti/sessionToken";
import { Portfolio, type PortfolioDoc } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { draftEvidence, submissionProblems, versionsOf } from "../queries/portfolioDraft";
import { programmeInForce } from "../queries/programmeInForce";
import { qualificationOf } from "../queries/programmeChecks";
import { nextOpenRound } from "./panelRounds";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { priorLearningRouteOf } from "../programme/priorLearningRoute";

/**
 * Freezes the working draft into the next numbered version (immutable: what the panel sees),
 * linked to the previous version and already placed in the next open panel round (one insert, so
 * a crash never leaves it unplaced; with no round open it waits, and a new round takes it). The
 * mentor keeps working on the draft.
 */
export async function submitPortfolio(p: {
  actor: Actor;
  portfolio: PortfolioDoc;
  input: TPortfolioSubmit;
}): Promise<PortfolioVersionDoc> {
  const { portfolio, input } = p;
  const programme = await programmeInForce(portfolio.tenantId, portfolio.contextId);
  const qualification = qualificationOf(programme.definition, portfolio.qualificationCode);
  const route = priorLearningRouteOf(qualification);
  if (input.priorLearning && !route) {
    throw invalidField("body.priorLearning", `the prior-learning route is not open for ${qualification.title}`);
  }
  if (portfolio.version !== input.expectedVersion)
    throw conflict(
      "Your portfolio was changed somewhere else since you opened it. Reload it, check it and submit again.",
    );

  const [evidence, versions] = await Promise.all([
    draftEvidence(portfolio),
    versionsOf(portfolio, programme.definition),
  ]);
  // The draft's route choice stands unless this submit changes it; resubmissions keep it.
  const applying = input.priorLearning ?? portfolio.priorLearning?.applying ?? false;
  const problems = await submissionProblems({
    portfolio,
    qualification,
    programme: programme.definition,
    evidence,
    versions,
    applying,
  });
  if (problems.length > 0)
    throw conflict(`This portfolio cannot be submitted yet: ${problems.join(" ")}`, { reasons: problems });
  const through = applying ? route : null;

  // Moves the draft on, so a second tab's submit of the same draft is refused (409). The route
  // choice is saved with it, so the next resubmission keeps it.
  const moved = await Portfolio.updateOne(
    { _id: portfolio._id, version: input.expectedVersion },
    { $inc: { version: 1 }, $set: { "priorLearning.applying": applying } },
  );
  if (moved.modifiedCount === 0)
    throw conflict("This portfolio was submitted or changed somewhere else a moment ago. Reload to see it.");

  const previous = versions.at(-1)?.version ?? null;
  const round = await nextOpenRound({ tenantId: portfolio.tenantId, contextId: portfolio.contextId });
  let version: PortfolioVersionDoc;
  try {
    const doc = await PortfolioVersion.create({
      tenantId: portfolio.tenantId,
      contextId: portfolio.contextId,
      mentorUserId: portfolio.mentorUserId,
      mentorName: portfolio.mentorName,
      portfolioId: portfolio._id,
      qualificationCode: portfolio.qualificationCode,
      number: (previous?.number ?? 0) + 1,
      previousVersionId: previous?._id ?? null,
      narrativeHtml: portfolio.narrativeHtml,
      priorLearning: !!through,
      priorLearningStatement: through ? (portfolio.priorLearning?.statement ?? "").trim() : "",
      priorLearningRoute: through
        ? {
            waivesModules: through.waivesModules,
            evidenceWithinYears: through.evidenceWithinYears,
            statementMinLength: through.statementMinLength,
            earnsCredit: through.earnsCredit,
          }
        : null,
      programme: { versionId: programme.versionId, code: programme.code, version: programme.version },
      evidence: evidence.map((e) => ({ ...e, practiceDate: new Date(`${e.practiceDate}T00:00:00Z`) })),
      roundId: round?._id ?? null,
      submittedBy: p.actor.userId,
      submittedAt: new Date(),
    });
    version = doc.toObject() as PortfolioVersionDoc;
  } catch (err) {
    if (isDuplicateKeyError(err))
      throw conflict("This portfolio was submitted somewhere else a moment ago. Reload to see it.");
    throw err;
  }
  await refreshMentorFigures({
    course: version,
    mentorUserId: version.mentorUserId,
    programme: programme.definition,
  });
  return version;
}
