import { recountEveryDashboard } from "../commands/dashboardCounters";
import { sweepDecisionFollowUps } from "../commands/panelDecisionFollowUps";
import { sweepPendingDecisionEntries } from "../commands/recordPanelDecision";
import { sweepPendingAllocationEntries } from "../commands/allocatePortfolios";
import { sweepMarkFollowUps } from "../commands/markModuleWork";
import { sweepSubmissionFollowUps } from "../commands/submitModuleWork";
import { purgeBin } from "../commands/purgeBin";
import { purgeStaleDrafts } from "../commands/saveDraft";
import { sweepExpired, type ExpiryRule } from "../db/connection";
import type { JobDefinition } from "./jobDefinition";
import { jobNames } from "./jobNames";

const FIVE_MINUTES = 5 * 60_000;
const DAY = 24 * 60 * 60_000;

/**
 * Every background job the tool runs: the sweeps here plus the gradebook's (gradebook/jobs.ts).
 * Add a job by adding its definition; the runner, its lease and the lead's page follow.
 */
export function toolJobs(props: {
  expiryRules: ExpiryRule[];
  gradebook: readonly JobDefinition[];
  noticeEmail?: JobDefinition | null;
}): JobDefinition[] {
  const jobs: JobDefinition[] = [];
  if (props.expiryRules.length > 0) {
    // The embedded engine has no TTL indexes: login states and the like are deleted here.
    jobs.push({
      name: jobNames.expirySweep,
      title: "Delete expired sign-in records",
      intervalMs: 60_000,
      leaseMs: FIVE_MINUTES,
      run: async () => void (await sweepExpired(props.expiryRules)),
    });
  }
  jobs.push(
    {
      name: jobNames.panelFollowUps,
      title: "Finish panel decisions' follow-ups and decision-record entries that a stop interrupted",
      intervalMs: FIVE_MINUTES,
      leaseMs: FIVE_MINUTES,
      run: async () =>
        void (
          await sweepPendingDecisionEntries(),
          await sweepPendingAllocationEntries(),
          await sweepDecisionFollowUps()
        ),
    },
    {
      name: jobNames.markFollowUps,
      title: "Finish module submissions' and marks' follow-ups that a stop interrupted",
      intervalMs: FIVE_MINUTES,
      leaseMs: FIVE_MINUTES,
      run: async () => void (await sweepSubmissionFollowUps(), await sweepMarkFollowUps()),
    },
    {
      // The counters are kept by each write; this catches any a write missed (see dashboardCounters.ts).
      name: jobNames.dashboardRecount,
      title: "Count the dashboard of each course never counted, and recount every course daily",
      intervalMs: FIVE_MINUTES,
      leaseMs: FIVE_MINUTES,
      run: async () => void (await recountEveryDashboard()),
    },
    {
      // Deleted evidence, attachments and hours stay restorable for 30 days (models/binned.ts).
      name: jobNames.binSweep,
      title: "Purge what has been in the bin for over 30 days",
      intervalMs: DAY,
      leaseMs: FIVE_MINUTES,
      run: async () => void (await purgeBin()),
    },
    {
      // A draft nobody came back to for 90 days is left behind, not writing in progress.
      name: jobNames.draftSweep,
      title: "Forget drafts nobody has touched for 90 days",
      intervalMs: DAY,
      leaseMs: FIVE_MINUTES,
      run: async () => void (await purgeStaleDrafts()),
    },
    ...props.gradebook,
  );
  // Only with SMTP_URL set (commands/emailNotice.ts).
  if (props.noticeEmail) jobs.push(props.noticeEmail);
  return jobs;
}
