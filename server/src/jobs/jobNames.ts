/**
 * Every job's name (its `_id` in `jobs`), in one place so that code asking for a run
 * (`runSoon(jobNames.gradePassback)`) needs no import of the job itself.
 */
export const jobNames = {
  gradePassback: "grade-passback",
  rosterSync: "roster-sync",
  gradeLeaseSweep: "grade-lease-sweep",
  lmsMarkReadBack: "lms-mark-read-back",
  courseSetup: "course-setup",
  expirySweep: "expiry-sweep",
  panelFollowUps: "panel-follow-ups",
  markFollowUps: "mark-follow-ups",
  dashboardRecount: "dashboard-recount",
  binSweep: "bin-sweep",
  draftSweep: "draft-sweep",
  noticeEmail: "notice-email",
} as const;
