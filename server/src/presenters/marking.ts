import type { TMarkingDetail, TMarkingItem } from "../contracts/marking";
import type { ModuleMarkDoc } from "../models/moduleMark";
import type { ModuleRecordDoc } from "../models/moduleRecord";
import type { ModuleSubmissionDoc } from "../models/moduleSubmission";
import type { ModuleWorkFileDoc } from "../models/moduleWorkFile";
import { scoreRange } from "../programme/moduleLocks";
import type { TModule } from "../programme/schema";
import { presentCorrections } from "./markCorrections";
import { presentModuleWorkFile } from "./moduleContent";
import { presentDecision, presentHistory } from "./modules";

type MentorInfo = { id: string; name: string; school: string | null };

/** One line of a tutor's marking list. */
export function presentMarkingItem(
  record: ModuleRecordDoc,
  module: TModule | undefined,
  mentor: MentorInfo,
  latest: ModuleMarkDoc | null,
): TMarkingItem {
  return {
    recordId: record._id.toString(),
    mentor,
    moduleCode: record.moduleCode,
    moduleNumber: module?.number ?? 0,
    moduleTitle: module?.title ?? record.moduleCode,
    status: record.status as TMarkingItem["status"],
    attempt: record.attempt,
    submittedAt: record.submittedAt?.toISOString() ?? null,
    latestDecision: latest && latest.attempt === record.attempt ? presentDecision(latest) : null,
  };
}

/** Submitted work as the tutor marks it. */
export function presentMarkingDetail(props: {
  record: ModuleRecordDoc;
  module: TModule;
  mentor: MentorInfo;
  submissions: ModuleSubmissionDoc[];
  marks: ModuleMarkDoc[];
  canMark: boolean;
  /** Files on the work, as submitted. */
  files?: ModuleWorkFileDoc[];
}): TMarkingDetail {
  const { record, module, mentor, submissions, marks, canMark, files = [] } = props;
  const latest = marks.length > 0 ? marks[marks.length - 1] : null;
  const currentMark = latest && latest.attempt === record.attempt && latest.kind === "mark" ? latest : null;
  const current = submissions.find((s) => s.attempt === record.attempt) ?? null;
  const done = new Set(current?.completedActivities ?? []);
  return {
    ...presentMarkingItem(record, module, mentor, latest),
    marking: scoreRange(module),
    submission: current
      ? {
          reflection: current.reflection,
          activities: module.activities.map((a) => ({ code: a.code, title: a.title, done: done.has(a.code) })),
          files: files.map(presentModuleWorkFile),
        }
      : null,
    canMark: canMark && record.status === "submitted",
    // canMark is the policy's answer (staff, never their own work); a correction needs a mark on the latest attempt.
    canCorrect: canMark && record.status === "graded" && currentMark !== null,
    markRevision: currentMark ? (currentMark.revision ?? 0) : null,
    corrections: presentCorrections(currentMark),
    history: presentHistory(submissions, marks),
  };
}
