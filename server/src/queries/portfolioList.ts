import { Portfolio, type PortfolioDoc } from "../models/portfolio";

/** The portfolios in a scope (a mentor's own, as the portfolio policy scopes it), oldest first. */
export function listPortfolios(scope: Record<string, unknown>): Promise<PortfolioDoc[]> {
  return Portfolio.find(scope).sort({ createdAt: 1 }).lean<PortfolioDoc[]>();
}
