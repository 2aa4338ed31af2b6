import { PlatformError } from "./errors.js";
import type { LineItem, QuirkMode, Score } from "./types.js";

/** What the gradebook shows for one user on one line item, and the score that put it there. */
export interface GradebookCell {
  score: Score;
  resultScore?: number;
  resultMaximum?: number;
  comment?: string;
}

/**
 * Decides how an incoming score changes a gradebook cell, imitating the chosen LMS.
 * Returns the score as stored and the new cell; throws a PlatformError when the LMS would refuse.
 *
 * - standard: every score is kept; the newest by timestamp decides the result; a missing
 *   scoreGiven clears the result (AGS 2.0); a missing comment keeps the old one.
 * - moodle: refuses a score not newer, to the second, than the stored one; caps scoreGiven at
 *   scoreMaximum and rescales to the line item's maximum.
 * - canvas: scoreGiven without scoreMaximum is refused; any gradingProgress other than
 *   FullyGraded clears the result; rescales to the line item's maximum.
 * - blackboard: a score without a comment clears the stored comment.
 */
export function applyScore(
  mode: QuirkMode,
  lineItem: LineItem,
  current: GradebookCell | undefined,
  incoming: Score,
): { stored: Score; cell: GradebookCell } {
  if (mode === "canvas" && incoming.scoreGiven !== undefined && incoming.scoreMaximum === undefined) {
    throw new PlatformError(400, "bad_request", "ScoreMaximum not supplied when ScoreGiven present.");
  }
  if (mode === "moodle" && current && wholeSeconds(incoming.timestamp) <= wholeSeconds(current.score.timestamp)) {
    throw new PlatformError(
      400,
      "bad_request",
      `Refusing score with an earlier timestamp for item ${lineItem.id} and user ${incoming.userId}`,
    );
  }

  const scoreMaximum = incoming.scoreMaximum ?? (incoming.scoreGiven !== undefined ? lineItem.scoreMaximum : undefined);
  let scoreGiven = incoming.scoreGiven;
  if (mode === "moodle" && scoreGiven !== undefined && scoreMaximum !== undefined) {
    scoreGiven = Math.min(scoreGiven, scoreMaximum);
  }
  const stored: Score = { ...incoming, scoreGiven, scoreMaximum };
  if (stored.scoreGiven === undefined) delete stored.scoreGiven;
  if (stored.scoreMaximum === undefined) delete stored.scoreMaximum;

  // Spec: a score older than the one standing is recorded but does not change the result.
  if (current && Date.parse(incoming.timestamp) < Date.parse(current.score.timestamp)) {
    return { stored, cell: current };
  }

  const rescales = mode === "moodle" || mode === "canvas";
  const clearsScore = mode === "canvas" && incoming.gradingProgress !== "FullyGraded";
  let resultScore: number | undefined;
  let resultMaximum = scoreMaximum ?? lineItem.scoreMaximum;
  if (scoreGiven !== undefined && !clearsScore) {
    resultScore = scoreGiven;
    if (rescales && scoreMaximum) {
      resultScore = round((scoreGiven / scoreMaximum) * lineItem.scoreMaximum);
      resultMaximum = lineItem.scoreMaximum;
    }
  }
  const comment = mode === "blackboard" ? incoming.comment : (incoming.comment ?? current?.comment);
  return { stored, cell: { score: stored, resultScore, resultMaximum, comment } };
}

function wholeSeconds(timestamp: string): number {
  return Math.floor(Date.parse(timestamp) / 1000);
}

// Gradebooks store a handful of decimals; this keeps 2/3 of 10 from printing 6.666666666666667.
function round(value: number): number {
  return Math.round(value * 100000) / 100000;
}
