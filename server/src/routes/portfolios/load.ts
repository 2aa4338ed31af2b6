import { notFound } from "../../errors";
import type { Actor } from "../../lti/sessionToken";
import type { PortfolioDoc } from "../../models/portfolio";
import type { PortfolioVersionDoc } from "../../models/portfolioVersion";
import { matchesNothing, scopeFor } from "../../policies";
import { roundsSatOn } from "../../policies/portfolio";
import { findPortfolio, findVisibleVersion } from "../../queries/portfolioList";

/** The actor's own portfolio, or 404. */
export async function ownPortfolio(actor: Actor, portfolioId: string): Promise<PortfolioDoc> {
  const scope = scopeFor(actor, "read", "Portfolio");
  const portfolio = scope && (await findPortfolio(scope, portfolioId));
  if (!portfolio) throw notFound("That portfolio");
  return portfolio;
}

/** A submitted version the actor may see (own, in a round they sit on, or their course as lead), or 404. */
export async function visibleVersion(
  actor: Actor,
  where: { portfolioId: string; number: number } | { versionId: string },
): Promise<PortfolioVersionDoc> {
  const filter =
    scopeFor(actor, "read", "PortfolioVersion", { roundIds: await roundsSatOn(actor) }) ?? matchesNothing(actor);
  const version = await findVisibleVersion(filter, where);
  if (!version) throw notFound("That portfolio version");
  return version;
}
