import type { Actor } from "../lti/sessionToken";
import type { PortfolioDoc } from "../models/portfolio";
import { PortfolioEntry } from "../models/portfolioEntry";
import { withPanelSeat } from "../policies/panel";
import type { TProgramme } from "../programme/schema";
import { draftEvidence, submissionProblems, versionsOf } from "./portfolioDraft";
import { loadPortfolioVersion, type VersionWithFeedback } from "./portfolioReads";
import { roundsById } from "./roundsById";

/** A mentor's portfolio with its draft, versions, their rounds and why it cannot be submitted yet, for presentPortfolio. */
export async function portfolioDetails(portfolio: PortfolioDoc, programme: TProgramme) {
  const qualification = programme.qualifications.find((q) => q.code === portfolio.qualificationCode)!;
  const [entries, evidence, versions] = await Promise.all([
    PortfolioEntry.find({ portfolioId: portfolio._id }, { evidenceId: 1 }).lean(),
    draftEvidence(portfolio),
    versionsOf(portfolio, programme),
  ]);
  const reasons = await submissionProblems({ portfolio, qualification, programme, evidence, versions });
  const rounds = await roundsById(versions.map((v) => v.version.roundId));
  return { portfolio, qualification, entries, versions, reasons, rounds };
}

/** What presentPortfolio needs. */
export type PortfolioDetails = Awaited<ReturnType<typeof portfolioDetails>>;

/** A submitted version with the viewer's seat on its round, the version before it and its round, for presentVersion. */
export async function versionDetails(actor: Actor, loaded: VersionWithFeedback) {
  const v = loaded.version;
  const seat = await withPanelSeat(actor, v);
  const previous = v.previousVersionId
    ? await loadPortfolioVersion({
        tenantId: v.tenantId,
        contextId: v.contextId,
        versionId: v.previousVersionId.toString(),
      })
    : null;
  const rounds = await roundsById([v.roundId]);
  return { loaded, seat, previous, rounds };
}

/** What presentVersion needs. */
export type VersionDetails = Awaited<ReturnType<typeof versionDetails>>;
