import type { TMentorGlance } from "../contracts/caseload";
import { wordsFor } from "../policies/recordSheet";
import type { TProgramme } from "../programme/schema";

const dayOf = (d: Date) =>
  d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/**
 * What is expected of a mentor next, in the order they would do it: an audit stage that is due,
 * the next module, a record sheet that is due or with its signer, a resubmission, evidence, hours
 * and the next panel round. Worked out from their glance (caseloadReads.ts) and the status of
 * their record sheets by qualification code; nothing is stored.
 */
export function nextStepsFor(
  programme: TProgramme,
  glance: TMentorGlance,
  opts: {
    submittedModules: Set<string>;
    passedModules: Set<string>;
    nextRound: { date: Date } | null;
    recordSheets?: Map<string, string>;
  },
): string[] {
  const steps: string[] = [];
  const firstStage = programme.audit.stages[0];
  if (firstStage && !glance.auditStagesDone.includes(firstStage.title))
    steps.push(`Complete your ${firstStage.title.charAt(0).toLowerCase()}${firstStage.title.slice(1)}.`);
  if (glance.flags.includes("auditBeforeMastery"))
    steps.push("Complete the audit before Mastery: your Entry modules are passed, so it is due now.");
  const next = programme.modules.find((m) => !opts.passedModules.has(m.code));
  if (next && opts.submittedModules.has(next.code))
    steps.push(`Module ${next.number} (${next.title}) is with your tutor for marking.`);
  else if (next) steps.push(`Work on Module ${next.number}: ${next.title}.`);
  for (const q of programme.qualifications) {
    if (q.certification.method !== "recordSheet" || !q.requiredModules.every((code) => opts.passedModules.has(code)))
      continue;
    const status = opts.recordSheets?.get(q.code) ?? "draft";
    const signers = wordsFor(q.certification.signedOffBy);
    if (status === "draft")
      steps.push(`Complete your record sheet for ${q.title} and submit it for sign-off by your ${signers}.`);
    // "signed" stays hidden from the mentor until the programme lead releases it, as on the record-sheet page.
    else if (status !== "released")
      steps.push(
        `Your record sheet for ${q.title} is with your ${signers} for sign-off; the programme lead then releases your certificate.`,
      );
  }
  if (glance.flags.includes("resubmissionPending"))
    steps.push("Revise your portfolio with the panel's suggestions and resubmit it.");
  if (glance.flags.includes("noRecentEvidence"))
    steps.push("Add dated evidence from your mentoring: you have added none in the last 30 days.");
  if (glance.flags.includes("hoursOverCap"))
    steps.push(
      `Your training hours for ${glance.academicYear} are over the funded cap by ${glance.hoursOverCap}; talk to your lead mentor or programme lead.`,
    );
  const drafts = glance.portfolios.filter((p) => p.status === "draft");
  if (opts.nextRound && drafts.length > 0)
    steps.push(
      `To be seen at the next panel, submit your portfolio (${drafts.map((p) => p.title).join(", ")}) before ${dayOf(opts.nextRound.date)}.`,
    );
  if (steps.length === 0) steps.push("Nothing is waiting on you: keep adding evidence as you mentor.");
  return steps;
}
