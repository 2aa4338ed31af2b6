import type { Request } from "express";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { Portfolio, type PortfolioDoc } from "../../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../../models/portfolioVersion";
import { ownPortfolioScope, visibleVersionsFilter } from "../../policies/portfolio";

/** The signed-in mentor's own portfolio, or 404. */
export async function loadOwnPortfolio(req: Request, portfolioId: string): Promise<PortfolioDoc> {
  const scope = ownPortfolioScope(actorOf(req));
  const portfolio = scope && (await Portfolio.findOne({ ...scope, _id: portfolioId }).lean<PortfolioDoc>());
  if (!portfolio) throw notFound("That portfolio");
  return portfolio;
}

/** A submitted version the actor may see (own, in a round they sit on, or their course as lead), or 404. */
export async function loadVisibleVersion(req: Request, where: { portfolioId: string; number: number } | { versionId: string }): Promise<PortfolioVersionDoc> {
  const filter = await visibleVersionsFilter(actorOf(req));
  const key = "versionId" in where ? { _id: where.versionId } : { portfolioId: where.portfolioId, number: where.number };
  // $and, not a spread: the visibility filter may itself constrain _id.
  const version = await PortfolioVersion.findOne({ $and: [filter, key] }).lean<PortfolioVersionDoc>();
  if (!version) throw notFound("That portfolio version");
  return version;
}
