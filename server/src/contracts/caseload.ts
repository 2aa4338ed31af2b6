import { z } from "zod";
import { defineEndpoint } from "./endpoint";
import { ZEvidence, ZObjectId } from "./evidence";
import { ZPortfolio, ZPortfolioStatus } from "./portfolio";

/** Why a mentor needs their lead mentor's attention. */
export const ZAttentionFlag = z.enum(["noRecentEvidence", "auditBeforeMastery", "resubmissionPending", "hoursOverCap"]);
export type TAttentionFlag = z.infer<typeof ZAttentionFlag>;

/** One mentor as their lead mentor (or a tutor) sees them at a glance. */
export const ZMentorGlance = z.object({
  id: z.string(),
  name: z.string(),
  school: z.string().nullable(),
  modulesPassed: z.number().int(),
  modulesTotal: z.number().int(),
  modulesSubmitted: z.number().int(),
  /** Audit stages completed, by title, in programme order. */
  auditStagesDone: z.array(z.string()),
  auditStagesTotal: z.number().int(),
  academicYear: z.string(),
  hoursThisYear: z.number(),
  /** Completed hours beyond the funded caps this year (0 when within them or the year has no caps). */
  hoursOverCap: z.number(),
  evidenceCount: z.number().int(),
  /** The day the newest evidence was added, "YYYY-MM-DD". */
  lastEvidenceAddedOn: z.string().nullable(),
  portfolios: z.array(z.object({ qualificationCode: z.string(), title: z.string(), status: ZPortfolioStatus })),
  flags: z.array(ZAttentionFlag),
});
export type TMentorGlance = z.infer<typeof ZMentorGlance>;

/** GET /api/caseload: the mentors assigned to the signed-in lead mentor, and only those. */
export const ZCaseload = z.object({ mentors: z.array(ZMentorGlance) });
export type TCaseload = z.infer<typeof ZCaseload>;

export const ZMentorParams = z.object({ mentorUserId: z.string().min(1).max(255) });

/** One comment in the thread on an evidence item. */
export const ZEvidenceComment = z.object({
  id: z.string(),
  evidenceId: z.string(),
  authorName: z.string(),
  authorRole: z.enum(["mentor", "leadMentor"]),
  isMine: z.boolean(),
  body: z.string(),
  createdAt: z.string(),
});
export type TEvidenceComment = z.infer<typeof ZEvidenceComment>;

/** GET /api/mentor-work/:mentorUserId: a mentor's evidence and portfolio drafts, read-only, with the comment threads. */
export const ZMentorWork = z.object({
  mentor: ZMentorGlance,
  evidence: z.array(ZEvidence.extend({ comments: z.array(ZEvidenceComment) })),
  portfolios: z.array(ZPortfolio),
  abilities: z.object({ comment: z.boolean(), edit: z.boolean() }),
});
export type TMentorWork = z.infer<typeof ZMentorWork>;

/** GET /api/evidence-comments?mentorUserId=: the threads on a mentor's evidence (default: one's own). */
export const ZCommentThreadsQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });
export const ZCommentThreads = z.object({
  threads: z.array(
    z.object({ evidenceId: z.string(), evidenceTitle: z.string(), comments: z.array(ZEvidenceComment) }),
  ),
});
export type TCommentThreads = z.infer<typeof ZCommentThreads>;

/** POST /api/evidence-comments. */
export const ZEvidenceCommentCreate = z.object({
  evidenceId: ZObjectId.describe("Evidence"),
  body: z.string().trim().min(1, "must not be empty").max(4000, "must be at most 4000 characters").describe("Comment"),
});
export type TEvidenceCommentCreate = z.infer<typeof ZEvidenceCommentCreate>;

const ZPerson = z.object({ id: z.string(), name: z.string(), email: z.string().nullable() });

/** Where a mentor's supporter comes from: the VLE (role_scope_mentor), set for this mentor, or their school's assignment. */
export const ZSupportSource = z.enum(["lms", "programmeLead", "school"]);

/** GET /api/support: every mentor with their lead mentor, link tutor and coordinating mentor; each school's assignment; who can be chosen (programme leads). */
export const ZSupportList = z.object({
  mentors: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      school: z.string().nullable(),
      leadMentor: ZPerson.nullable(),
      leadMentorSource: ZSupportSource.nullable(),
      linkTutor: ZPerson.nullable(),
      linkTutorSource: ZSupportSource.nullable(),
      coordinatingMentor: ZPerson.nullable(),
    }),
  ),
  /** What was assigned to every mentor of a school, including mentors who join it later. */
  schoolAssignments: z.array(
    z.object({
      school: z.string(),
      leadMentor: ZPerson.nullable(),
      linkTutor: ZPerson.nullable(),
      coordinatingMentor: ZPerson.nullable(),
    }),
  ),
  leadMentors: z.array(ZPerson),
  tutors: z.array(ZPerson),
  /** Mentors and lead mentors with a school: who can coordinate mentoring at their own school. */
  schoolPeople: z.array(ZPerson.extend({ school: z.string() })),
  schools: z.array(z.string()),
});
export type TSupportList = z.infer<typeof ZSupportList>;

const ZChosenUser = (label: string) => z.string().trim().min(1).max(255).nullable().describe(label);

/** PUT /api/support/mentors/:mentorUserId: set (or clear, with null) a mentor's lead mentor and link tutor. */
export const ZSupportAssign = z
  .object({
    leadMentorUserId: ZChosenUser("Lead mentor").optional(),
    linkTutorUserId: ZChosenUser("Link tutor").optional(),
  })
  .refine((b) => b.leadMentorUserId !== undefined || b.linkTutorUserId !== undefined, {
    message: "Choose a lead mentor or a link tutor.",
  });
export type TSupportAssign = z.infer<typeof ZSupportAssign>;

/**
 * POST /api/support/schools: the same for every mentor of a school, now and later, and the
 * school's coordinating mentor (someone at the school who coordinates its mentoring).
 */
export const ZSupportAssignSchool = z
  .object({
    school: z.string().trim().min(1, "must be chosen").max(200).describe("School"),
    leadMentorUserId: ZChosenUser("Lead mentor").optional(),
    linkTutorUserId: ZChosenUser("Link tutor").optional(),
    coordinatingMentorUserId: ZChosenUser("Coordinating mentor").optional(),
  })
  .refine(
    (b) =>
      b.leadMentorUserId !== undefined || b.linkTutorUserId !== undefined || b.coordinatingMentorUserId !== undefined,
    {
      message: "Choose a lead mentor, a link tutor or a coordinating mentor.",
    },
  );
export const ZSupportAssigned = z.object({ mentorsUpdated: z.number().int() });

/** GET /api/support/mine: who does what around the signed-in mentor (lead mentor, link tutor, coordinating mentor), and what is expected of them next. */
export const ZMySupport = z.object({
  leadMentor: ZPerson.nullable(),
  linkTutor: ZPerson.nullable(),
  /** The person at the mentor's school who coordinates mentoring there. */
  coordinatingMentor: ZPerson.nullable(),
  nextRound: z.object({ name: z.string(), date: z.string() }).nullable(),
  nextSteps: z.array(z.string()),
});
export type TMySupport = z.infer<typeof ZMySupport>;

/** A lead mentor's caseload, a mentor's work as their supporters read it, and the comment threads on evidence. */
export const caseloadEndpoints = {
  caseload: defineEndpoint({ method: "GET", path: "/api/caseload", output: ZCaseload }),
  mentorWork: defineEndpoint({
    method: "GET",
    path: "/api/mentor-work/:mentorUserId",
    input: { params: ZMentorParams },
    output: ZMentorWork,
  }),
  commentThreads: defineEndpoint({
    method: "GET",
    path: "/api/evidence-comments",
    input: { query: ZCommentThreadsQuery },
    output: ZCommentThreads,
  }),
  comment: defineEndpoint({
    method: "POST",
    path: "/api/evidence-comments",
    input: { body: ZEvidenceCommentCreate },
    output: ZEvidenceComment,
    status: 201,
  }),
};
