import type { Types } from "mongoose";
import { conflict, notFound } from "../errors";
import { Portfolio, type PortfolioDoc } from "../models/portfolio";
import { PortfolioEntry } from "../models/portfolioEntry";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { sanitizeNarrative } from "./sanitizeNarrative";

/**
 * Opens the mentor's portfolio for a qualification, or finds the one they have: one per mentor
 * per qualification, so an upsert on its unique key settles a double click.
 */
export async function openPortfolio(props: {
  scope: Record<string, unknown>;
  qualificationCode: string;
  mentorName: string;
}): Promise<PortfolioDoc> {
  const portfolio = await Portfolio.findOneAndUpdate(
    { ...props.scope, qualificationCode: props.qualificationCode },
    { $setOnInsert: { mentorName: props.mentorName } },
    { upsert: true, new: true },
  ).lean<PortfolioDoc>();
  await refreshMentorFigures({ course: portfolio!, mentorUserId: portfolio!.mentorUserId });
  return portfolio!;
}

/** Saves the portfolio's narrative if nobody changed it since `expectedVersion` (else 409). */
export async function savePortfolioNarrative(props: {
  portfolio: Pick<PortfolioDoc, "_id">;
  narrativeHtml: string;
  expectedVersion: number;
}): Promise<void> {
  const saved = await Portfolio.updateOne(
    { _id: props.portfolio._id, version: props.expectedVersion },
    { $set: { narrativeHtml: sanitizeNarrative(props.narrativeHtml) }, $inc: { version: 1 } },
  );
  if (saved.modifiedCount === 0)
    throw conflict(
      "Your portfolio was changed somewhere else since you opened it. Reload it and make your change again.",
    );
}

type PortfolioOwner = Pick<PortfolioDoc, "_id" | "tenantId" | "contextId" | "mentorUserId">;

/** Puts an item of the mentor's evidence in the portfolio (again is the same). */
export async function includeEvidence(props: { portfolio: PortfolioOwner; evidenceId: Types.ObjectId }): Promise<void> {
  const { portfolio, evidenceId } = props;
  await PortfolioEntry.updateOne(
    { portfolioId: portfolio._id, evidenceId },
    {
      $setOnInsert: {
        tenantId: portfolio.tenantId,
        contextId: portfolio.contextId,
        mentorUserId: portfolio.mentorUserId,
        portfolioId: portfolio._id,
        evidenceId,
      },
    },
    { upsert: true },
  );
}

/** Takes an item out of the portfolio; the entry is gone after the first, so a repeated or concurrent one is told so (404). */
export async function excludeEvidence(props: {
  portfolio: Pick<PortfolioDoc, "_id">;
  evidenceId: string;
}): Promise<void> {
  const { deletedCount } = await PortfolioEntry.deleteOne({
    portfolioId: props.portfolio._id,
    evidenceId: props.evidenceId,
  });
  if (deletedCount === 0) throw notFound("That evidence in this portfolio");
}
