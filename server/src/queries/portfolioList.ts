import { Portfolio, type PortfolioDoc } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";

/** The portfolios in a scope (a mentor's own, as the portfolio policy scopes it), oldest first. */
export function listPortfolios(scope: Record<string, unknown>): Promise<PortfolioDoc[]> {
  return Portfolio.find(scope).sort({ createdAt: 1 }).lean<PortfolioDoc[]>();
}

/** One portfolio in a scope (the actor's own, as the portfolio policy scopes it), or null. */
export function findPortfolio(scope: Record<string, unknown>, portfolioId: string): Promise<PortfolioDoc | null> {
  return Portfolio.findOne({ ...scope, _id: portfolioId }).lean<PortfolioDoc>();
}

/**
 * One submitted version by its id or by portfolio and number, within a visibility filter (the
 * portfolio-version policy's scope), or null. $and, not a spread: the filter may itself constrain _id.
 */
export function findVisibleVersion(
  filter: Record<string, unknown>,
  where: { portfolioId: string; number: number } | { versionId: string },
): Promise<PortfolioVersionDoc | null> {
  const key =
    "versionId" in where ? { _id: where.versionId } : { portfolioId: where.portfolioId, number: where.number };
  return PortfolioVersion.findOne({ $and: [filter, key] }).lean<PortfolioVersionDoc>();
}
