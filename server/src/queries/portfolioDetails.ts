import type { Actor } from "../lti/sessionToken";
import { groupBy } from "../groupBy";
import type { PortfolioDoc } from "../models/portfolio";
import { PortfolioEntry, type PortfolioEntryDoc } from "../models/portfolioEntry";
import { withPanelSeat } from "../policies/panel";
import type { TProgramme, TQualification } from "../programme/schema";
import { completedModuleCodes } from "./moduleProgress";
import {
  draftCoverageItems,
  draftProblems,
  versionDocsOf,
  withStatuses,
  type VersionsWithStatus,
} from "./portfolioDraft";
import { loadPortfolioVersion, type VersionWithFeedback } from "./portfolioReads";
import { roundsById, type RoundInfo } from "./roundsById";

/** What presentPortfolio needs: a mentor's portfolio with its draft, versions, their rounds and why it cannot be submitted yet. */
export interface PortfolioDetails {
  portfolio: PortfolioDoc;
  qualification: TQualification;
  entries: Array<Pick<PortfolioEntryDoc, "evidenceId">>;
  versions: VersionsWithStatus;
  reasons: string[];
  rounds: Map<string, RoundInfo>;
}

/** One portfolio's details (portfoliosDetails of one). */
export async function portfolioDetails(portfolio: PortfolioDoc, programme: TProgramme): Promise<PortfolioDetails> {
  return (await portfoliosDetails([portfolio], programme))[0];
}

/**
 * Portfolios' details, in the order given; a mentor's portfolios are read together, each
 * collection once for all of them (entries, draft evidence, versions and their feedback, rounds,
 * completed modules), independent reads at the same time.
 */
export async function portfoliosDetails(
  portfolios: PortfolioDoc[],
  programme: TProgramme,
): Promise<PortfolioDetails[]> {
  const mentors = groupBy(portfolios, (p) => JSON.stringify([p.tenantId, p.contextId, p.mentorUserId]));
  const found = new Map<string, PortfolioDetails>();
  await Promise.all(
    [...mentors.values()].map(async (mine) => {
      for (const d of await mentorPortfoliosDetails(mine, programme)) found.set(d.portfolio._id.toString(), d);
    }),
  );
  return portfolios.map((p) => found.get(p._id.toString())!);
}

/** portfoliosDetails for one mentor's portfolios in one course. */
async function mentorPortfoliosDetails(portfolios: PortfolioDoc[], programme: TProgramme): Promise<PortfolioDetails[]> {
  const { tenantId, contextId, mentorUserId } = portfolios[0];
  const qualificationOf = (p: PortfolioDoc) => programme.qualifications.find((q) => q.code === p.qualificationCode)!;
  // Only the qualifications' required modules are checked, so only theirs are read.
  const required = [...new Set(portfolios.flatMap((p) => qualificationOf(p).requiredModules))];
  const ids = portfolios.map((p) => p._id);
  // Promises, not queries (a query runs again each time it is awaited): each is awaited twice.
  const entriesRead = PortfolioEntry.find({ portfolioId: { $in: ids } }, { portfolioId: 1, evidenceId: 1 })
    .lean()
    .exec();
  const versionsRead = versionDocsOf(ids);
  const [entries, evidence, versions, rounds, done] = await Promise.all([
    entriesRead,
    entriesRead.then((e) => draftCoverageItems({ tenantId, contextId, mentorUserId }, e)),
    versionsRead.then((v) => withStatuses({ tenantId, contextId }, v, programme)),
    versionsRead.then((v) => roundsById(v.map((version) => version.roundId))),
    completedModuleCodes(tenantId, contextId, mentorUserId, required),
  ]);
  const entriesOf = groupBy(entries, (e) => String(e.portfolioId));
  const versionsOf = groupBy(versions, (v) => String(v.version.portfolioId));
  return portfolios.map((portfolio) => {
    const id = portfolio._id.toString();
    const qualification = qualificationOf(portfolio);
    const own = versionsOf.get(id) ?? [];
    const reasons = draftProblems({
      portfolio,
      qualification,
      programme,
      evidence: evidence.get(id) ?? [],
      versions: own,
      done,
    });
    return { portfolio, qualification, entries: entriesOf.get(id) ?? [], versions: own, reasons, rounds };
  });
}

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
