import { conflict, invalidField } from "../errors";
import type { TPortfolioPriorLearning } from "../contracts/portfolio";
import { Portfolio, type PortfolioDoc } from "../models/portfolio";
import { priorLearningRouteOf } from "../programme/priorLearningRoute";
import type { TQualification } from "../programme/schema";

/**
 * Saves the mentor's choice of the prior-learning route and their statement of experience on the
 * portfolio's working draft (one conditional write on the draft's version). The route's rules are
 * checked at submission, so a half-written statement can be saved and finished later.
 */
export async function applyPriorLearning(p: {
  portfolio: PortfolioDoc;
  qualification: TQualification;
  input: TPortfolioPriorLearning;
}): Promise<void> {
  const { portfolio, qualification, input } = p;
  if (input.applying && !priorLearningRouteOf(qualification)) {
    throw invalidField("body.applying", `the prior-learning route is not open for ${qualification.title}`);
  }
  const saved = await Portfolio.updateOne(
    { _id: portfolio._id, version: input.expectedVersion },
    {
      $set: { "priorLearning.applying": input.applying, "priorLearning.statement": input.statement.trim() },
      $inc: { version: 1 },
    },
  );
  if (saved.modifiedCount === 0)
    throw conflict(
      "Your portfolio was changed somewhere else since you opened it. Reload it and make your change again.",
    );
}
