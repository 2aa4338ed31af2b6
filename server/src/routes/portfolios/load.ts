import type { Request } from "express";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import type { Actor } from "../../lti/sessionToken";
import { Portfolio, type PortfolioDoc } from "../../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../../models/portfolioVersion";
import { matchesNothing, scopeFor } from "../../policies";
import { roundsSatOn } from "../../policies/portfolio";

/** The signed-in mentor's own portfolio, or 404. */
export async function loadOwnPortfolio(req: Request, portfolioId: string): Promise<PortfolioDoc> {
  return ownPortfolio(actorOf(req), portfolioId);
}

/** The actor's own portfolio, or 404. */
export async function ownPortfolio(actor: Actor, portfolioId: string): Promise<PortfolioDoc> {
  const scope = scopeFor(actor, "read", "Portfolio");
  const portfolio = scope && (await Portfolio.findOne({ ...scope, _id: portfolioId }).lean<PortfolioDoc>());
  if (!portfolio) throw notFound("That portfolio");
  return portfolio;
}

/** A submitted version the actor may see (own, in a round they sit on, or their course as lead), or 404. */
export async function loadVisibleVersion(req: Request, where: { portfolioId: string; number: number } | { versionId: string }): Promise<PortfolioVersionDoc> {
  return visibleVersion(actorOf(req), where);
}

/** A submitted version the actor may see, or 404 (as loadVisibleVersion). */
export async function visibleVersion(actor: Actor, where: { portfolioId: string; number: number } | { versionId: string }): Promise<PortfolioVersionDoc> {
  const filter = scopeFor(actor, "read", "PortfolioVersion", { roundIds: await roundsSatOn(actor) }) ?? matchesNothing(actor);
  const key = "versionId" in where ? { _id: where.versionId } : { portfolioId: where.portfolioId, number: where.number };
  // $and, not a spread: the visibility filter may itself constrain _id.
  const version = await PortfolioVersion.findOne({ $and: [filter, key] }).lean<PortfolioVersionDoc>();
  if (!version) throw notFound("That portfolio version");
  return version;
}
