import { AuditCompletion, type AuditCompletionDoc } from "../models/auditCompletion";
import { AuditRating, type AuditRatingDoc, type AuditRatingEntry } from "../models/auditRating";
import type { AuditState } from "../programme/auditState";
import type { MentorScope } from "../programme/moduleWork";
import { completedModuleCodes } from "./moduleProgress";

/** A mentor's audit as stored: every rating, the stages completed and the modules passed. */
export async function loadAuditState(scope: MentorScope): Promise<AuditState> {
  const [ratings, completions, passedModules] = await Promise.all([
    AuditRating.find(scope).sort({ ratedAt: -1, _id: -1 }).lean<AuditRatingDoc[]>(),
    AuditCompletion.find(scope).lean<AuditCompletionDoc[]>(),
    completedModuleCodes(scope.tenantId, scope.contextId, scope.mentorUserId),
  ]);
  const ratingsByDescriptor = new Map<string, AuditRatingEntry[]>();
  for (const save of ratings) {
    for (const r of save.ratings) {
      const entry = {
        standardCode: r.standardCode,
        descriptorCode: r.descriptorCode,
        value: r.value,
        reason: r.reason ?? null,
        ratedAt: save.ratedAt,
      };
      ratingsByDescriptor.set(r.descriptorCode, [...(ratingsByDescriptor.get(r.descriptorCode) ?? []), entry]);
    }
  }
  return { ratingsByDescriptor, completions: new Map(completions.map((c) => [c.stage, c])), passedModules };
}
