import type { Router } from "express";
import { caseloadEndpoints } from "../../contracts/caseload";
import { endpointRouter } from "../../http/endpoint";
import { can } from "../../policies";
import { courseScope } from "../../policies/scope";
import { mentorWorkOf } from "../../queries/mentorWork";
import { presentEvidenceList } from "../../presenters/evidence";
import { presentPortfolio } from "../../presenters/portfolio";
import { presentComment } from "../../presenters/caseload";
import { readableMentorWork } from "./subject";
import { evidenceDetails } from "../../queries/evidenceDetails";
import { portfolioDetails } from "../../queries/portfolioDetails";

/**
 * /api/mentor-work/:mentorUserId — one mentor's evidence and portfolio drafts, read-only, with the
 * comment threads: for the course's tutors and programme leads and the mentor's lead mentor.
 */
export function mentorWorkRouter(): Router {
  const { router, implement } = endpointRouter("/api/mentor-work");
  implement(caseloadEndpoints.mentorWork, {
    policy: (actor, { params }) => readableMentorWork(actor, params.mentorUserId),
    handler: async ({ actor, allowed: subject }) => {
      const { mentor, evidence, commentsOf, portfolios, definition } = await mentorWorkOf(
        courseScope(actor),
        subject.mentorUserId,
      );
      const items = await presentEvidenceList(await evidenceDetails(evidence));
      return {
        mentor,
        evidence: items.map((item) => ({
          ...item,
          comments: (commentsOf.get(item.id) ?? []).map((c) => presentComment(actor, c)),
        })),
        portfolios: await Promise.all(
          portfolios.map(async (p) => presentPortfolio(await portfolioDetails(p, definition))),
        ),
        abilities: {
          comment: can(actor, "comment", "MentorWork", subject),
          edit: can(actor, "edit", "MentorWork", subject),
        },
      };
    },
  });
  return router;
}
